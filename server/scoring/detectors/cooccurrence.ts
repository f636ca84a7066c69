/**
 * Several phrase groups in one sentence: a follow-up is a commitment AND a time or channel;
 * a disclosure is a third party AND the debt. Each group's match must itself be un-negated,
 * so "我們不會聯絡您的家人" does not count as disclosure.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import { isNegated } from '../../text/negation.ts';
import { clauseStart } from '../../text/segment.ts';
import { isAsked } from '../context.ts';

export const cooccurrence = defineDetector({
  type: 'cooccurrence',
  description: 'one phrase from each group within the same sentence',
  schema: z.strictObject({
    type: z.literal('cooccurrence'),
    groups: z.array(WordLists).min(2, 'needs at least two groups'),
    negation: z.enum(['block', 'ignore']).default('block'),
    unless: WordLists.optional(),
    /** Count only in statements ("I'll call you today"), only in questions, or anywhere. */
    in: z.enum(['any', 'question', 'statement']).default('any'),
  }),
  compile(params, tools) {
    const groups = params.groups.map((g) => tools.phrases(g));
    const unless = params.unless ? tools.phrases(params.unless) : null;
    return (reply) => {
      const norm = reply.text.norm;
      const hits: Hit[] = [];
      for (const sentence of reply.sentences) {
        const text = norm.slice(sentence.start, sentence.end);
        if (unless?.[reply.lang].test(text)) continue;
        if (params.in !== 'any' && isAsked(reply, sentence) !== (params.in === 'question')) continue;
        let start = Infinity;
        let end = -1;
        const allFound = groups.every((g) => {
          const found = g[reply.lang].find(text).filter((m) => {
            if (params.negation === 'ignore') return true;
            const at = sentence.start + m.start;
            return !isNegated(norm, clauseStart(norm, sentence.start, at), at, reply.lang, tools.negation[reply.lang]);
          });
          for (const m of found) {
            start = Math.min(start, sentence.start + m.start);
            end = Math.max(end, sentence.start + m.end);
          }
          return found.length > 0;
        });
        if (allFound) hits.push({ start, end });
      }
      return hits;
    };
  },
});
