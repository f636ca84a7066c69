/**
 * How the trainee is doing on each goal of the briefing, from the replies scored so far,
 * the way the session summary will count them (README "How replies are scored"): the mean
 * of the turns for most criteria, the worst turn for conduct, and for the process the
 * share of the call's own steps taken (callProcess.ts `liveSteps`).
 */
import type { LiveStepState } from '../shared/callProcess.ts';
import { COMPLAINT_STEPS, type ComplaintStep, type CriterionId, type TurnScore } from '../shared/contract.ts';

export interface GoalProgress {
  goal: CriterionId;
  /** 0–100 so far; null before the first scored reply. */
  score: number | null;
}

/** The complaint steps taken, in the order first taken (within a reply, in the order said). */
export function stepsTaken(turns: readonly TurnScore[]): Array<{ step: ComplaintStep; turnIndex: number }> {
  const taken: Array<{ step: ComplaintStep; turnIndex: number }> = [];
  for (const turn of turns) {
    const said = COMPLAINT_STEPS.map((step) => ({
      step,
      at: turn.criteria.complaint_process?.evidence.find((e) => e.signal === `complaint.${step}`)?.start,
    }))
      .filter((s): s is { step: ComplaintStep; at: number } => s.at !== undefined)
      .sort((a, b) => a.at - b.at);
    for (const { step } of said) if (!taken.some((t) => t.step === step)) taken.push({ step, turnIndex: turn.index });
  }
  return taken;
}

/**
 * `steps`: the call's own steps as they stand (liveSteps); without them, the complaint steps
 * are counted from the evidence.
 */
export function goalProgress(goals: readonly CriterionId[], turns: readonly TurnScore[], steps?: ReadonlyArray<{ state: LiveStepState }>): GoalProgress[] {
  return goals.map((goal) => {
    if (turns.length === 0) return { goal, score: null };
    if (goal === 'complaint_process' && steps) {
      return { goal, score: steps.length === 0 ? null : Math.round((100 * steps.filter((s) => s.state === 'done').length) / steps.length) };
    }
    if (goal === 'complaint_process') return { goal, score: Math.round((100 * stepsTaken(turns).length) / COMPLAINT_STEPS.length) };
    const scores = turns.map((t) => t.criteria[goal]?.score ?? 0);
    if (goal === 'conduct') return { goal, score: Math.min(...scores) };
    return { goal, score: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) };
  });
}
