/**
 * The lists of signals the server acts on, read from the loaded rubric's tags: which
 * signals are misconduct to the customer, which brush them off, which take a complaint
 * step, and each scenario's process steps a persona may name. Nothing outside the rubric
 * file names a signal to decide what it means.
 */
import { SCENARIOS, type KnownSignals } from '../types.ts';
import type { CompiledRubric } from './compile.ts';
import type { SignalTag } from './schema.ts';

/** The ids of the rubric's signals carrying `tag`. */
export function signalsWithTag(rubric: Pick<CompiledRubric, 'tagged'>, tag: SignalTag): ReadonlySet<string> {
  return rubric.tagged[tag];
}

/** The ids of the signals that take a call's process to `step` (a complaint step, or another process's). */
export function signalsForStep(rubric: CompiledRubric, step: string): ReadonlySet<string> {
  return new Set(rubric.signals.filter((s) => s.step === step).map((s) => s.id));
}

export function knownSignals(rubric: CompiledRubric): KnownSignals {
  const processes: KnownSignals['processes'] = {};
  for (const scenario of SCENARIOS) {
    const process = rubric.processes[scenario];
    if (!process) continue;
    processes[scenario] = {
      steps: process.steps.map((s) => s.step),
      wholeCall: process.steps.filter((s) => s.wholeCall).map((s) => s.step),
    };
  }
  return { rubric: rubric.id, ids: new Set(rubric.signals.map((s) => s.id)), misconduct: new Set(rubric.tagged.misconduct), processes };
}
