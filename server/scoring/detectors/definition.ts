/**
 * The shape every detector type shares: an id, a zod schema for its YAML parameters, and a
 * compile step that turns those parameters into a pure function from a reply to hits.
 * Compiling once per rubric keeps the per-reply work to matching.
 */
import { z } from 'zod';
import type { ReplyContext } from '../context.ts';
import type { Lang, Locale } from '../types.ts';
import type { NegationRules } from '../../text/negation.ts';
import type { PhraseMatcher } from '../../text/phraseMatcher.ts';
import type { MomentCues } from '../moments.ts';
import type { SentenceModelBank } from '../sentenceClassifier.ts';

/** A span of the reply's normalised text that shows a signal. */
export interface Hit {
  start: number;
  end: number;
  /** A plainer or better way to say it, already in the reply's locale. */
  suggestion?: string;
}

export type Detect = (reply: ReplyContext) => Hit[];

/** Phrase lists per language: `zh` entries may be written in either script. */
export const WordLists = z.strictObject({
  en: z.array(z.string().min(1)).default([]),
  zh: z.array(z.string().min(1)).default([]),
});
export type WordLists = z.infer<typeof WordLists>;

/** Localised text as a rubric writes it: `zh` once in either script, or each script apart. */
export const LocalText = z
  .strictObject({
    en: z.string().min(1),
    zh: z.string().min(1).optional(),
    'zh-Hans': z.string().min(1).optional(),
    'zh-Hant': z.string().min(1).optional(),
  })
  .refine((t) => t.zh !== undefined || (t['zh-Hans'] !== undefined && t['zh-Hant'] !== undefined), {
    message: 'needs `zh` (either script) or both `zh-Hans` and `zh-Hant`',
  });
export type LocalText = z.infer<typeof LocalText>;
export type Localized = Record<Locale, string>;

export interface CompileTools {
  phrases(lists: WordLists): Record<Lang, PhraseMatcher>;
  localize(text: LocalText): Localized;
  negation: Record<Lang, NegationRules>;
  /** What the customer's last turn does (server/scoring/moments.ts), for detectors that answer to it. */
  moments: Record<Lang, MomentCues>;
  /** The sentence models the rubric's `classifiers:` section names, by file; read by the loader. */
  models?: SentenceModelBank;
}

export interface DetectorDefinition<S extends z.ZodObject = z.ZodObject> {
  type: string;
  /** What it finds, for people reading the registry. */
  description: string;
  schema: S;
  compile(params: z.infer<S>, tools: CompileTools): Detect;
}

export function defineDetector<S extends z.ZodObject>(definition: DetectorDefinition<S>): DetectorDefinition<S> {
  return definition;
}
