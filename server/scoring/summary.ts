/**
 * The session view of a scored transcript: each criterion over all turns, the call's own
 * process (its steps covered and their order; the complaint steps kept for complaint calls),
 * the listening ratios, the best and weakest replies, whether a fault failed the session, and
 * the weighted overall score.
 * Made from turn scores alone, so a live session's report summarises the scores stored
 * with its turns instead of scoring the transcript again (`sessionReport`).
 */
import { bestAndWeakestTurns, sessionFailure } from './conductFirst.ts';
import { processCoverage, processScore, processSummary, scoredProcess } from './process.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { COMPLAINT_STEPS, CRITERIA, type ComplaintStep, type ComplaintStepsSummary, type CriterionId, type ListeningSummary, type Locale, type Scenario, type ScoreReport, type TurnScore } from './types.ts';

export function complaintSteps(rubric: CompiledRubric, turns: readonly TurnScore[]): ComplaintStepsSummary {
  const stepOf = new Map(rubric.signals.flatMap((s) => (s.step ? [[s.id, s.step] as const] : [])));
  const covered: ComplaintStep[] = [];
  for (const turn of turns) {
    const evidence = Object.values(turn.criteria).flatMap((c) => c.evidence);
    // Within one reply, the steps count in the order they were said.
    const said = COMPLAINT_STEPS.map((step) => ({
      step,
      at: evidence.filter((e) => stepOf.get(e.signal) === step).reduce<number | undefined>((first, e) => Math.min(first ?? e.start, e.start), undefined),
    }))
      .filter((s): s is { step: ComplaintStep; at: number } => s.at !== undefined)
      .sort((a, b) => a.at - b.at);
    for (const { step } of said) if (!covered.includes(step)) covered.push(step);
  }
  const ranks = covered.map((s) => COMPLAINT_STEPS.indexOf(s));
  return {
    covered,
    in_order: ranks.every((r, i) => i === 0 || r > ranks[i - 1]!),
    missing: COMPLAINT_STEPS.filter((s) => !covered.includes(s)),
  };
}

export function listening(turns: readonly TurnScore[]): ListeningSummary {
  const sum = (key: keyof TurnScore['listening']): number => turns.reduce((n, t) => n + t.listening[key], 0);
  const reflections = sum('reflections');
  const open = sum('open_questions');
  const closed = sum('closed_questions');
  const questions = open + closed;
  const round2 = (x: number): number => Math.round(x * 100) / 100;
  return {
    reflections,
    open_questions: open,
    closed_questions: closed,
    reflection_to_question_ratio: questions === 0 ? null : round2(reflections / questions),
    open_question_share: questions === 0 ? null : round2(open / questions),
  };
}

/** A criterion scored by steps, for a call with no process: no score, left out of the overall. */
type NotApplied = null;

function sessionScore(rubric: CompiledRubric, id: CriterionId, turns: readonly TurnScore[], scenario: Scenario | undefined): number | NotApplied {
  const config = rubric.criteria[id];
  if (config.session === 'steps') {
    const process = scoredProcess(rubric, scenario);
    return process ? processScore(processCoverage(rubric, process, turns)) : null;
  }
  const scores = turns.map((t) => t.criteria[id].score);
  if (scores.length === 0) return config.base;
  if (config.session === 'min') return Math.min(...scores);
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export function summarize(rubric: CompiledRubric, turns: readonly TurnScore[], scenario?: Scenario): ScoreReport['summary'] {
  const criteria = {} as Record<CriterionId, number>;
  const applied: CriterionId[] = [];
  let weighted = 0;
  let weights = 0;
  for (const id of CRITERIA) {
    const score = sessionScore(rubric, id, turns, scenario);
    // A criterion that does not apply is shown at its base and weighs nothing: the others are renormalised.
    criteria[id] = score ?? rubric.criteria[id].base;
    if (score === null) continue;
    applied.push(id);
    weighted += score * rubric.criteria[id].weight;
    weights += rubric.criteria[id].weight;
  }
  const failed = sessionFailure(rubric, turns);
  const cap = rubric.criteria.conduct.failCap;
  const overall = Math.round(weighted / weights);
  const { best, weakest } = bestAndWeakestTurns(rubric, turns, applied);
  const process = processSummary(rubric, scenario, turns);
  return {
    criteria,
    complaint_steps: complaintSteps(rubric, turns),
    listening: listening(turns),
    overall: failed && cap !== undefined ? Math.min(overall, cap) : overall,
    ...(process ? { process } : {}),
    best_turn: best,
    weakest_turn: weakest,
    failed,
  };
}

/**
 * The whole score report from the turn scores of a transcript, in order: what
 * scoreTranscript gives for the same transcript, without scoring anything.
 */
export function sessionReport(rubric: CompiledRubric, locale: Locale, turns: readonly TurnScore[], scenario?: Scenario): ScoreReport {
  return { locale, rubric: rubric.id, turns: [...turns], summary: summarize(rubric, turns, scenario) };
}
