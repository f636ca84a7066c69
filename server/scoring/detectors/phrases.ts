/**
 * Phrase lists with negation handling: the workhorse behind most signals. A negated match
 * ("我不理解您的心情", "we will not tell your family") does not count, unless the signal
 * asks for negated matches only ("我不明白…" as dismissive).
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import { isNegated } from '../../text/negation.ts';
import { clauseStart, sentenceAt } from '../../text/segment.ts';
import { isAsked } from '../context.ts';
import { Scenario } from '../types.ts';

export const phrases = defineDetector({
  type: 'phrases',
  description: 'any phrase of a list, with negation handling and sentence-level exceptions',
  schema: z.strictObject({
    type: z.literal('phrases'),
    phrases: WordLists,
    /** block: negated matches do not count; require: only negated ones do; ignore: both do. */
    negation: z.enum(['block', 'require', 'ignore']).default('block'),
    /** A sentence holding any of these does not count (a lawful statement beside a harsh word). */
    unless: WordLists.optional(),
    /** Count matches only in questions, only in statements, or anywhere. */
    in: z.enum(['any', 'question', 'statement']).default('any'),
    /**
     * Count only once an earlier customer turn said one of these: "他不在，我是他媽媽" makes
     * any word of the debt a disclosure.
     */
    customer_said: WordLists.optional(),
    /** Count only in calls of these scenarios: in a call someone else answered, any word of the debt discloses it. */
    in_scenarios: z.array(Scenario).min(1).optional(),
  }),
  compile(params, tools) {
    const lists = tools.phrases(params.phrases);
    const unless = params.unless ? tools.phrases(params.unless) : null;
    const customerSaid = params.customer_said ? tools.phrases(params.customer_said) : null;
    return (reply) => {
      if (params.in_scenarios && !(reply.scenario && params.in_scenarios.includes(reply.scenario))) return [];
      if (customerSaid && !reply.customer.some((c) => customerSaid[reply.lang].test(c.text.norm))) return [];
      const norm = reply.text.norm;
      const hits: Hit[] = [];
      for (const m of lists[reply.lang].find(norm)) {
        const sentence = sentenceAt(reply.sentences, m.start);
        if (params.in !== 'any' && isAsked(reply, sentence) !== (params.in === 'question')) continue;
        if (unless?.[reply.lang].test(norm.slice(sentence.start, sentence.end))) continue;
        if (params.negation !== 'ignore') {
          const negated = isNegated(norm, clauseStart(norm, sentence.start, m.start), m.start, reply.lang, tools.negation[reply.lang]);
          if (negated !== (params.negation === 'require')) continue;
        }
        hits.push({ start: m.start, end: m.end });
      }
      return hits;
    };
  },
});
