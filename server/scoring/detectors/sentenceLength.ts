/**
 * Sentences too long to follow when heard once: counted in characters for Chinese (what a
 * listener hears syllable by syllable) and in words for English.
 */
import { z } from 'zod';
import { defineDetector, type Hit } from './definition.ts';

const SPOKEN_CHAR = /[\p{L}\p{N}]/gu;
const EN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

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
        const text = reply.text.norm.slice(s.start, s.end);
        const length = (text.match(reply.lang === 'zh' ? SPOKEN_CHAR : EN_WORD) ?? []).length;
        if (length > params.max[reply.lang]) hits.push({ start: s.start, end: s.end });
      }
      return hits;
    };
  },
});
