/**
 * Each call is judged by its own scenario's process (the rubric's `processes`): which step
 * signals may fire in a call, which steps a call covered and in what order, and the process
 * score. Pure: turn scores and the compiled rubric in.
 */
import type { CompiledProcess, CompiledRubric, CompiledSignal } from './rubric/compile.ts';
import type { Locale, ProcessSummary, Scenario, TurnScore } from './types.ts';

/**
 * A transcript without a scenario is judged as before scenarios had processes: by the
 * complaint steps, with no `summary.process`.
 */
const WITHOUT_SCENARIO: Scenario = 'complaint';

// Steps taken out of order (a remedy before the facts were checked) cost this much.
export const ORDER_PENALTY = 10;

/** Whether a signal may fire in a call of this scenario: a step signal only in its own. */
export function firesIn(signal: Pick<CompiledSignal, 'scenario'>, scenario: Scenario | undefined): boolean {
  return signal.scenario === undefined || signal.scenario === (scenario ?? WITHOUT_SCENARIO);
}

/** The process a call is scored by: its scenario's, or the complaint steps without a scenario. */
export function scoredProcess(rubric: Pick<CompiledRubric, 'processes'>, scenario: Scenario | undefined): CompiledProcess | undefined {
  return rubric.processes[scenario ?? WITHOUT_SCENARIO];
}

/**
 * The process's turn steps in the order first taken; within one reply, in the order they
 * were said (a remedy offered before the acknowledgement is out of order).
 */
/** Each process's step signals and their steps, built on first use: every report reads them. */
const stepsBySignal = new WeakMap<CompiledProcess, Map<string, string>>();

function stepOfSignal(process: CompiledProcess): Map<string, string> {
  let stepOf = stepsBySignal.get(process);
  if (!stepOf) {
    stepOf = new Map(process.steps.flatMap((s) => (s.signal ? [[s.signal, s.step] as const] : [])));
    stepsBySignal.set(process, stepOf);
  }
  return stepOf;
}

export function turnStepsTaken(process: CompiledProcess, turns: readonly TurnScore[]): string[] {
  const stepOf = stepOfSignal(process);
  const covered: string[] = [];
  for (const turn of turns) {
    const firstSaid = new Map<string, number>();
    for (const criterion of Object.values(turn.criteria)) {
      for (const e of criterion.evidence) {
        const step = stepOf.get(e.signal);
        if (step !== undefined) firstSaid.set(step, Math.min(firstSaid.get(step) ?? e.start, e.start));
      }
    }
    if (firstSaid.size === 0) continue;
    const said = [...firstSaid].sort((a, b) => a[1] - b[1] || rank(process, a[0]) - rank(process, b[0]));
    for (const [step] of said) if (!covered.includes(step)) covered.push(step);
  }
  return covered;
}

function rank(process: CompiledProcess, step: string): number {
  return process.steps.findIndex((s) => s.step === step);
}

/** A call's process as covered: the report's `process` without its scenario. */
export type ProcessCoverage = Omit<ProcessSummary, 'scenario'>;

/** The call's process: steps covered on turns, then the whole-call steps no fault broke. */
export function processCoverage(
  rubric: Pick<CompiledRubric, 'tagged'>,
  process: CompiledProcess,
  turns: readonly TurnScore[],
): ProcessCoverage {
  const onTurns = turnStepsTaken(process, turns);
  const disclosed = turns.some((t) => t.signals.some((id) => rubric.tagged.disclosure.has(id)));
  const whole = process.steps.filter((s) => s.wholeCall && !disclosed).map((s) => s.step);
  const covered = [...onTurns, ...whole];
  const ranks = onTurns.map((s) => rank(process, s));
  return {
    steps: process.steps.map((s) => s.step),
    covered,
    missing: process.steps.map((s) => s.step).filter((s) => !covered.includes(s)),
    in_order: ranks.every((r, i) => i === 0 || r > ranks[i - 1]!),
  };
}

/** The session's process score: the share of steps covered, less a penalty when out of order. */
export function processScore(coverage: Pick<ProcessSummary, 'steps' | 'covered' | 'in_order'>): number {
  const share = (100 * coverage.covered.length) / coverage.steps.length;
  return Math.max(0, Math.round(share - (coverage.in_order ? 0 : ORDER_PENALTY)));
}

/**
 * What the rubric says of the call's process as a whole, in `locale`: the first missing step
 * (its goal in the rubric's `missing` sentence), then the order when it did not hold; none
 * for a call that took every step in order. The first missing step is the one to learn next,
 * as a reply's process feedback names the next step not yet taken.
 */
export function processFeedback(process: CompiledProcess, coverage: Pick<ProcessSummary, 'missing' | 'in_order'>, locale: Locale): string | undefined {
  const sentences: string[] = [];
  const firstMissing = process.steps.find((s) => coverage.missing.includes(s.step));
  if (firstMissing) sentences.push(process.missing[locale].replaceAll('{step}', firstMissing.goal[locale]));
  if (!coverage.in_order) sentences.push(process.outOfOrder[locale]);
  // Chinese sentences follow one another with no space.
  return sentences.length > 0 ? sentences.join(locale === 'en' ? ' ' : '') : undefined;
}

/**
 * The report's `process`: only for a call with a scenario whose process the rubric defines.
 * `covered` is that process's coverage when the caller has it already.
 */
export function processSummary(
  rubric: Pick<CompiledRubric, 'processes' | 'tagged'>,
  scenario: Scenario | undefined,
  turns: readonly TurnScore[],
  locale: Locale,
  covered?: ProcessCoverage,
): ProcessSummary | undefined {
  const process = scenario && rubric.processes[scenario];
  if (!process) return undefined;
  const coverage = covered ?? processCoverage(rubric, process, turns);
  const feedback = processFeedback(process, coverage, locale);
  return { scenario: process.scenario, ...coverage, ...(feedback !== undefined ? { feedback } : {}) };
}
