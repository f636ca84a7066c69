/**
 * What the scorecard picks out of a score report: the best and the weakest reply, the
 * complaint steps in the order they happened, and the customer's mood turn by turn.
 */
import { COMPLAINT_STEPS, type ComplaintStep, type ScoreReport, type TurnScore } from '../shared/contract.ts';
import type { MoodPoint } from '../shared/components/MoodChart.tsx';
import { stepsTaken } from './goalProgress.ts';

export interface TurnView {
  index: number;
  role: 'customer' | 'trainee';
  text: string;
  mood?: MoodPoint['mood'];
}

/** A reply's own score: the mean of its criteria. */
export function replyScore(turn: TurnScore): number {
  const scores = Object.values(turn.criteria).map((c) => c?.score ?? 0);
  return scores.length === 0 ? 0 : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/** The best and the weakest reply; the weakest is null when there is only one reply, or all score alike. */
export function bestAndWeakest(report: ScoreReport): { best: TurnScore | null; weakest: TurnScore | null } {
  let best: TurnScore | null = null;
  let weakest: TurnScore | null = null;
  for (const turn of report.turns) {
    // Ties: the earliest best (what worked first) and the latest weakest (the habit still there).
    if (!best || replyScore(turn) > replyScore(best)) best = turn;
    if (!weakest || replyScore(turn) <= replyScore(weakest)) weakest = turn;
  }
  if (best && weakest && (best === weakest || replyScore(best) === replyScore(weakest))) weakest = null;
  return { best, weakest };
}

export interface StepLine {
  step: ComplaintStep;
  /** The trainee's reply number (1 for their first reply) where it was taken; null when never. */
  reply: number | null;
}

/** The four steps as a checklist: those taken in the order taken, then those missing. */
export function stepChecklist(report: ScoreReport): StepLine[] {
  const replyNumber = new Map(report.turns.map((t, i) => [t.index, i + 1]));
  const taken = stepsTaken(report.turns).map(({ step, turnIndex }) => ({ step, reply: replyNumber.get(turnIndex) ?? null }));
  const missing = COMPLAINT_STEPS.filter((s) => !taken.some((t) => t.step === s)).map((step) => ({ step, reply: null }));
  return [...taken, ...missing];
}

/** The mood at the start (0) and after each of the trainee's replies (1, 2…). */
export function moodPoints(turns: readonly TurnView[]): MoodPoint[] {
  const points: MoodPoint[] = [];
  let replies = 0;
  for (const t of [...turns].sort((a, b) => a.index - b.index)) {
    if (t.role === 'trainee') replies++;
    else if (t.mood) points.push({ turn: replies, mood: t.mood });
  }
  return points;
}
