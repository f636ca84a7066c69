/**
 * A figure of the customer's account stated by the trainee: a word of the account (overdue,
 * balance, 欠款, 逾期) and a figure in the same statement, the figure one the customer has
 * not said in the call. Repeating the customer's own "three months late" back is listening;
 * telling a caller "you are 45 days overdue on 3,200" tells them something about the account.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import { isAsked } from '../context.ts';

export const statedFigure = defineDetector({
  type: 'stated_figure',
  description: 'an account word and a figure the customer has not said, in the same statement',
  schema: z.strictObject({
    type: z.literal('stated_figure'),
    /** The words of the account the figure must stand beside. */
    near: WordLists,
    /** A sentence holding any of these does not count (a rule: "more than 30 days late are reported"). */
    unless: WordLists.optional(),
    /** How far the figure may stand after the account word (characters; half as far before it): "逾期两个月", "45 days overdue". */
    window: z.strictObject({ en: z.number().int().positive(), zh: z.number().int().positive() }).default({ en: 30, zh: 12 }),
  }),
  compile(params, tools) {
    const near = tools.phrases(params.near);
    const unless = params.unless ? tools.phrases(params.unless) : null;
    return (reply) => {
      const norm = reply.text.norm;
      const said = new Set(reply.customer.flatMap((c) => c.numbers.map((n) => n.value)));
      const hits: Hit[] = [];
      for (const sentence of reply.sentences) {
        if (isAsked(reply, sentence)) continue;
        const text = norm.slice(sentence.start, sentence.end);
        if (unless?.[reply.lang].test(text)) continue;
        const window = params.window[reply.lang];
        // A figure is digits, or numerals with a measure word ("三个月"): not "first" or "once".
        const figures = reply.numbers.filter(
          (n) => n.start >= sentence.start && n.end <= sentence.end && !said.has(n.value) && (/\d/.test(norm.slice(n.start, n.end)) || (reply.lang === 'zh' && n.unit !== undefined)),
        );
        for (const m of near[reply.lang].find(text)) {
          const start = sentence.start + m.start;
          const end = sentence.start + m.end;
          const figure = figures.find((n) => (n.start >= end && n.start - end <= window) || (n.end <= start && start - n.end <= window / 2));
          if (!figure) continue;
          hits.push({ start: Math.min(start, figure.start), end: Math.max(end, figure.end) });
          break;
        }
      }
      return hits;
    };
  },
});
