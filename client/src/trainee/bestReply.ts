/**
 * Which of the trainee's replies the scorecard and the print show as the best and the
 * weakest: the engine's picks (`summary.best_turn`, `summary.weakest_turn`), never a reply
 * with a conduct fault as the best. Pure.
 */
import { hasFault } from '../shared/conductFaults.ts';
import type { ScoreReport, TurnScore } from '../shared/contract.ts';

/** A reply's own score: the mean of its criteria. */
export function replyScore(turn: TurnScore): number {
  const scores = Object.values(turn.criteria).map((c) => c?.score ?? 0);
  return scores.length === 0 ? 0 : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/**
 * The best and the weakest reply: the engine's picks (`summary.best_turn`,
 * `summary.weakest_turn`, input turn indices) come first; a report without them (an
 * older one) is read as the engine would: a reply with a conduct fault is never the best,
 * and the weakest is a reply with a fault when there is one. Otherwise by score, ties
 * going to the earliest best (what worked first) and the latest weakest (the habit still
 * there). The weakest is null when it would be the best, or score as the best with no fault.
 */
export function bestAndWeakest(
  report: Pick<ScoreReport, 'turns' | 'summary'>,
  isFault: (signal: string) => boolean,
): { best: TurnScore | null; weakest: TurnScore | null } {
  const at = (index: number | null | undefined) => (typeof index === 'number' ? (report.turns.find((t) => t.index === index) ?? null) : null);
  const faulty = (turn: TurnScore) => hasFault(turn, isFault);
  let best = at(report.summary.best_turn);
  if (best && faulty(best)) best = null;
  if (!best && report.summary.best_turn === undefined) {
    for (const turn of report.turns) if (!faulty(turn) && (!best || replyScore(turn) > replyScore(best))) best = turn;
  }
  let weakest = at(report.summary.weakest_turn);
  if (!weakest && report.summary.weakest_turn === undefined) {
    const candidates = report.turns.some(faulty) ? report.turns.filter(faulty) : report.turns;
    for (const turn of candidates) if (!weakest || replyScore(turn) <= replyScore(weakest)) weakest = turn;
  }
  if (weakest && (weakest === best || (best && !faulty(weakest) && replyScore(best) === replyScore(weakest)))) weakest = null;
  return { best, weakest };
}
