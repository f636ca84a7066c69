/**
 * Regular expressions per language, for what a phrase list cannot say ("不明白 … 为什么 …
 * 生气"). They run on the normalised text: Simplified script, lower case, half-width
 * punctuation. A pattern that does not compile fails when the rubric loads.
 */
import { z } from 'zod';
import { defineDetector, type Hit } from './definition.ts';
import type { Lang } from '../types.ts';

const Pattern = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
  }
});

export const pattern = defineDetector({
  type: 'pattern',
  description: 'regular expressions per language over the normalised reply',
  schema: z.strictObject({
    type: z.literal('pattern'),
    patterns: z.strictObject({ en: z.array(Pattern).default([]), zh: z.array(Pattern).default([]) }),
  }),
  compile(params) {
    const compiled: Record<Lang, RegExp[]> = {
      en: params.patterns.en.map((p) => new RegExp(p, 'gu')),
      zh: params.patterns.zh.map((p) => new RegExp(p, 'gu')),
    };
    return (reply) => {
      const hits: Hit[] = [];
      for (const re of compiled[reply.lang]) {
        re.lastIndex = 0;
        for (let m = re.exec(reply.text.norm); m; m = re.exec(reply.text.norm)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          hits.push({ start: m.index, end: m.index + m[0].length });
        }
      }
      return hits;
    };
  },
});
