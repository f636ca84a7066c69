/**
 * Questions of a kind: open, closed, or any; optionally only those about something (the
 * customer's feelings, for exploration; the facts of the case, for investigation).
 */
import { z } from 'zod';
import { defineDetector, WordLists } from './definition.ts';

export const question = defineDetector({
  type: 'question',
  description: 'open or closed questions, optionally about given topics',
  schema: z.strictObject({
    type: z.literal('question'),
    kind: z.enum(['open', 'closed', 'any']),
    /** Only questions holding one of these words count. */
    about: WordLists.optional(),
    /** Questions holding one of these words do not count; several lists may be given. */
    except: z.union([WordLists, z.array(WordLists)]).optional(),
  }),
  compile(params, tools) {
    const about = params.about ? tools.phrases(params.about) : null;
    const except = params.except
      ? tools.phrases({
          en: [params.except].flat().flatMap((l) => l.en),
          zh: [params.except].flat().flatMap((l) => l.zh),
        })
      : null;
    return (reply) =>
      reply.questions
        .filter((q) => params.kind === 'any' || q.kind === params.kind)
        .filter((q) => {
          const text = reply.text.norm.slice(q.start, q.end);
          return (!about || about[reply.lang].test(text)) && !except?.[reply.lang].test(text);
        })
        .map((q) => ({ start: q.start, end: q.end }));
  },
});
