/**
 * Sentences too long to follow when heard once: counted in characters for Chinese (what a
 * listener hears syllable by syllable) and in words for English.
 */
import { z } from 'zod';
import { defineDetector, type Hit } from './definition.ts';

const SPOKEN_CHAR = /[\p{L}\p{N}]/gu;
const EN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** How many times a global pattern matches: counted, without the array of matches `match` would build. */
function countMatches(pattern: RegExp, text: string): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}

export const sentenceLength = defineDetector({
  type: 'sentence_length',
  description: 'a sentence longer than the limit (characters for Chinese, words for English)',
  schema: z.strictObject({
    type: z.literal('sentence_length'),
    max: z.strictObject({ zh: z.number().int().positive(), en: z.number().int().positive() }),
  }),
  compile(params) {
    return (reply) => {
      const hits: Hit[] = [];
      for (const s of reply.sentences) {
        const length = countMatches(reply.lang === 'zh' ? SPOKEN_CHAR : EN_WORD, reply.text.norm.slice(s.start, s.end));
        if (length > params.max[reply.lang]) hits.push({ start: s.start, end: s.end });
      }
      return hits;
    };
  },
});
