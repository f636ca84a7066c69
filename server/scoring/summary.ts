/**
 * The session view of a scored transcript: each criterion over all turns, the call's own
 * process (its steps covered and their order; the complaint steps kept for complaint calls),
 * the listening ratios, the best and weakest replies, whether a fault failed the session, and
 * the weighted overall score.
 * Made from turn scores alone, so a live session's report summarises the scores stored
 * with its turns instead of scoring the transcript again (`sessionReport`).
 */
import { bestAndWeakestTurns, sessionFailure } from './conductFirst.ts';
import { processCoverage, processScore, processSummary, scoredProcess, type ProcessCoverage } from './process.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { empathyMoments, momentsScore, type EmpathyMoments } from './empathyMoments.ts';
import { COMPLAINT_STEPS, CRITERIA, type ComplaintStep, type ComplaintStepsSummary, type CriterionId, type ListeningSummary, type Locale, type Scenario, type ScoreReport, type TurnScore } from './types.ts';

/** Each rubric's step signals and their steps, built on first use: every report reads them. */
const stepsBySignal = new WeakMap<CompiledRubric, Map<string, string>>();

function stepOfSignal(rubric: CompiledRubric): Map<string, string> {
  let stepOf = stepsBySignal.get(rubric);
  if (!stepOf) {
    stepOf = new Map(rubric.signals.flatMap((s) => (s.step ? [[s.id, s.step] as const] : [])));
    stepsBySignal.set(rubric, stepOf);
  }
  return stepOf;
}

export function complaintSteps(rubric: CompiledRubric, turns: readonly TurnScore[]): ComplaintStepsSummary {
  const stepOf = stepOfSignal(rubric);
  const covered: ComplaintStep[] = [];
  for (const turn of turns) {
    const firstAt = new Map<string, number>();
    for (const criterion of Object.values(turn.criteria)) {
      for (const e of criterion.evidence) {
        const step = stepOf.get(e.signal);
        if (step !== undefined) firstAt.set(step, Math.min(firstAt.get(step) ?? e.start, e.start));
      }
    }
    if (firstAt.size === 0) continue;
    // Within one reply, the steps count in the order they were said.
    const said = COMPLAINT_STEPS.flatMap((step) => {
      const at = firstAt.get(step);
      return at === undefined ? [] : [{ step, at }];
    }).sort((a, b) => a.at - b.at);
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

/**
 * A criterion that does not apply to the call, left out of the overall: one scored by steps in
 * a call with no process, or one judged on emotional moments in a call without any.
 */
type NotApplied = null;

/** `coverage`: the call's process as covered (undefined for a call without one), read only by a steps criterion. */
function sessionScore(rubric: CompiledRubric, id: CriterionId, turns: readonly TurnScore[], coverage: () => ProcessCoverage | undefined, moments: EmpathyMoments | null): number | NotApplied {
  const config = rubric.criteria[id];
  // Turns scored before moments were read (stored earlier) fall back to the mean.
  if (config.session === 'moments' && moments) return momentsScore(moments);
  if (config.session === 'steps') {
    const covered = coverage();
    return covered ? processScore(covered) : null;
  }
  const scores = turns.map((t) => t.criteria[id].score);
  if (scores.length === 0) return config.base;
  if (config.session === 'min') return Math.min(...scores);
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/** `locale`: the report's, which the process feedback is written in. */
export function summarize(rubric: CompiledRubric, turns: readonly TurnScore[], scenario: Scenario | undefined, locale: Locale): ScoreReport['summary'] {
  const moments = empathyMoments(rubric, turns);
  // The call's process is covered once: the steps criterion's score and the report's
  // `process` both read it (for a call with a scenario they judge the same process).
  const scored = scoredProcess(rubric, scenario);
  let covered: ProcessCoverage | undefined;
  const coverage = (): ProcessCoverage | undefined => (scored ? (covered ??= processCoverage(rubric, scored, turns)) : undefined);
  const criteria = {} as Record<CriterionId, number>;
  const applied: CriterionId[] = [];
  let weighted = 0;
  let weights = 0;
  for (const id of CRITERIA) {
    const score = sessionScore(rubric, id, turns, coverage, moments);
    // A criterion that does not apply weighs nothing, the others are renormalised. It is shown
    // at its base, or, judged on moments (empathy in a call without emotion), as nothing missed.
    criteria[id] = score ?? (rubric.criteria[id].session === 'moments' ? 100 : rubric.criteria[id].base);
    if (score === null) continue;
    applied.push(id);
    weighted += score * rubric.criteria[id].weight;
    weights += rubric.criteria[id].weight;
  }
  const failed = sessionFailure(rubric, turns);
  const cap = rubric.criteria.conduct.failCap;
  const overall = Math.round(weighted / weights);
  const { best, weakest } = bestAndWeakestTurns(rubric, turns, applied);
  const process = processSummary(rubric, scenario, turns, locale, coverage());
  return {
    criteria,
    complaint_steps: complaintSteps(rubric, turns),
    listening: listening(turns),
    overall: failed && cap !== undefined ? Math.min(overall, cap) : overall,
    ...(process ? { process } : {}),
    best_turn: best,
    weakest_turn: weakest,
    failed,
    ...(moments && { empathy_moments: moments }),
  };
}

/**
 * The whole score report from the turn scores of a transcript, in order: what
 * scoreTranscript gives for the same transcript, without scoring anything.
 */
export function sessionReport(rubric: CompiledRubric, locale: Locale, turns: readonly TurnScore[], scenario?: Scenario): ScoreReport {
  return { locale, rubric: rubric.id, turns: [...turns], summary: summarize(rubric, turns, scenario, locale) };
}
