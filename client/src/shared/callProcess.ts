/**
 * The call's own process as the interface shows it: the steps of the call's scenario, named
 * by the rubric (`GET /api/signals`, `processes`), and which of them the trainee took, on
 * the scorecard (from the report's `summary.process`) and live in the goal panel (from each
 * scored reply's signals). A scenario without a process has none: no step list is shown.
 * Pure.
 */
import type { Locale, ProcessSummary, ScoreReport, SignalCatalog, TurnScore } from './contract.ts';

/** One scenario's process as the signal catalogue gives it. */
export type CatalogProcess = SignalCatalog['processes'][number];

export interface ProcessStep {
  step: string;
  /** The signal that marks the step on the reply that takes it; null for a whole-call step. */
  signal: string | null;
  label: string;
  /** What the step asks of the trainee, as the briefing lists it. */
  goal: string;
  /** Judged on the whole call (nothing disclosed); no reply of its own. */
  wholeCall: boolean;
}

/** A process in one interface language. */
export interface CallProcess {
  scenario: string;
  name: string;
  steps: readonly ProcessStep[];
}

/** The process of a scenario in one language; null when the scenario has none (or the catalogue could not load). */
export function callProcess(processes: readonly CatalogProcess[], scenario: string | null | undefined, labelLocale: Locale): CallProcess | null {
  const found = scenario ? processes.find((p) => p.scenario === scenario) : undefined;
  if (!found) return null;
  return {
    scenario: found.scenario,
    name: found.name[labelLocale],
    steps: found.steps.map((s) => ({ step: s.step, signal: s.signal, label: s.label[labelLocale], goal: s.goal[labelLocale], wholeCall: s.wholeCall })),
  };
}

export interface StepLine {
  step: string;
  label: string;
  done: boolean;
  /** The trainee's reply number (1 for their first reply) where it was taken; null when never, or for a whole-call step. */
  reply: number | null;
}

/** The reply (1, 2…) where a step's signal first fired; null when it never did (or the step has no signal). */
function firstReplyWith(signal: string | null, turns: readonly Pick<TurnScore, 'signals'>[]): number | null {
  const at = signal === null ? -1 : turns.findIndex((t) => t.signals.includes(signal));
  return at === -1 ? null : at + 1;
}

/**
 * The scorecard's checklist: the steps the report counts as covered, in the order taken, each
 * with the reply that took it, then those missing, in the process's order. The report says
 * what was covered; the replies only say where.
 */
export function stepLines(process: CallProcess, summary: ProcessSummary, turns: readonly Pick<TurnScore, 'signals'>[]): StepLine[] {
  const byId = new Map(process.steps.map((s) => [s.step, s]));
  const line = (step: string, done: boolean): StepLine => {
    const known = byId.get(step);
    return {
      step,
      label: known?.label ?? step.replace(/_/g, ' '),
      done,
      reply: done && known && !known.wholeCall ? firstReplyWith(known.signal, turns) : null,
    };
  };
  const covered = summary.covered.map((s) => line(s, true));
  const missing = summary.steps.filter((s) => !summary.covered.includes(s)).map((s) => line(s, false));
  return [...covered, ...missing];
}

export type LiveStepState = 'done' | 'open' | 'broken';

/**
 * The goal panel's ticks, from the replies scored so far: a step is done once a reply fires
 * its signal. A whole-call step (nothing disclosed) holds while no reply has fired a signal
 * the rubric tags `disclosure`: done from the first reply on, broken from the one that
 * discloses.
 */
export function liveSteps(
  process: CallProcess,
  turns: readonly Pick<TurnScore, 'signals'>[],
  tagsOf: (signal: string) => readonly string[],
): Array<{ step: ProcessStep; state: LiveStepState }> {
  const fired = new Set(turns.flatMap((t) => t.signals));
  const disclosed = [...fired].some((s) => tagsOf(s).includes('disclosure'));
  return process.steps.map((step) => {
    if (step.wholeCall) return { step, state: disclosed ? 'broken' : turns.length > 0 ? 'done' : 'open' };
    return { step, state: step.signal !== null && fired.has(step.signal) ? 'done' : 'open' };
  });
}

export interface ProcessView {
  process: CallProcess;
  lines: StepLine[];
  inOrder: boolean;
  /** The rubric's sentence on the call's process (what was missed, the order), in the report's locale; null when all went well. */
  feedback: { text: string; locale: ScoreReport['locale'] } | null;
}

/**
 * The call's own steps for the scorecard, the print and the replay: null when the report
 * names no process (a scenario without one) or the catalogue does not know it.
 */
export function processView(report: Pick<ScoreReport, 'locale' | 'turns' | 'summary'>, processOf: (scenario: string) => CallProcess | null): ProcessView | null {
  const summary = report.summary.process;
  if (!summary) return null;
  const process = processOf(summary.scenario);
  if (!process) return null;
  const feedback = summary.feedback ? { text: summary.feedback, locale: report.locale } : null;
  return { process, lines: stepLines(process, summary, report.turns), inOrder: summary.in_order, feedback };
}
