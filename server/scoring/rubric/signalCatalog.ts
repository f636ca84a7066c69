/**
 * What the browser may know of the rubric's signals (`GET /api/signals`): each id with its
 * criterion, tone, tags and label in every interface language. No detector, word list or
 * feedback leaves the server. The web client imports the type with `import type`.
 */
import { z } from 'zod';
import { CriterionId } from '../types.ts';
import type { CompiledRubric } from './compile.ts';
import { SignalLabel, SignalTag } from './schema.ts';

export const SignalMetadata = z.strictObject({
  id: z.string(),
  criterion: CriterionId,
  tone: z.enum(['good', 'bad', 'neutral']),
  tags: z.array(SignalTag),
  label: SignalLabel,
});
export type SignalMetadata = z.infer<typeof SignalMetadata>;

export const SignalCatalog = z.strictObject({
  /** The id of the rubric the signals are from. */
  rubric: z.string(),
  signals: z.array(SignalMetadata),
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
    })),
  };
}
