/**
 * What the browser may know of the rubric's signals (`GET /api/signals`): each id with its
 * criterion, tone, tags, label in every interface language and whether it fails the session;
 * and each scenario's process, its steps with their labels and goals. No detector, word list
 * or feedback leaves the server. The web client imports the type with `import type`.
 */
import { z } from 'zod';
import { CriterionId, SCENARIOS, Scenario } from '../types.ts';
import type { CompiledRubric } from './compile.ts';
import { SignalLabel, SignalTag } from './schema.ts';

export const SignalMetadata = z.strictObject({
  id: z.string(),
  criterion: CriterionId,
  tone: z.enum(['good', 'bad', 'neutral']),
  tags: z.array(SignalTag),
  label: SignalLabel,
  /** A session where it fires fails, its overall capped (the rubric's `fails_session`). */
  failsSession: z.boolean(),
});
export type SignalMetadata = z.infer<typeof SignalMetadata>;

export const ProcessStepMetadata = z.strictObject({
  step: z.string(),
  /** The signal that takes the step on a turn; null for a whole-call step (`no_disclosure`). */
  signal: z.string().nullable(),
  label: SignalLabel,
  /** The step as a goal for the briefing and the goal panel. */
  goal: SignalLabel,
  /** Covered by the whole call (nothing disclosed), never on a turn, not counted for order. */
  wholeCall: z.boolean(),
});
export type ProcessStepMetadata = z.infer<typeof ProcessStepMetadata>;

export const ProcessMetadata = z.strictObject({
  scenario: Scenario,
  name: SignalLabel,
  /** In the order expected. */
  steps: z.array(ProcessStepMetadata),
});
export type ProcessMetadata = z.infer<typeof ProcessMetadata>;

export const SignalCatalog = z.strictObject({
  /** The id of the rubric the signals are from. */
  rubric: z.string(),
  signals: z.array(SignalMetadata),
  /** Each scenario's process, in the order of SCENARIOS; a scenario without one is absent. */
  processes: z.array(ProcessMetadata),
});
export type SignalCatalog = z.infer<typeof SignalCatalog>;

/** The browser-safe view of the rubric's signals, in the rubric's order. */
export function signalCatalog(rubric: CompiledRubric): SignalCatalog {
  return {
    rubric: rubric.id,
    signals: rubric.signals.map((s) => ({
      id: s.id,
      criterion: s.criterion,
      tone: s.tone,
      tags: [...s.tags],
      label: { en: s.label.en, 'zh-Hans': s.label['zh-Hans'], 'zh-Hant': s.label['zh-Hant'] },
      failsSession: s.failsSession,
    })),
    processes: SCENARIOS.flatMap((scenario) => {
      const process = rubric.processes[scenario];
      if (!process) return [];
      return [
        {
          scenario,
          name: { ...process.name },
          steps: process.steps.map((s) => ({ step: s.step, signal: s.signal ?? null, label: { ...s.label }, goal: { ...s.goal }, wholeCall: s.wholeCall })),
        },
      ];
    }),
  };
}
