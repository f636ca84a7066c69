/**
 * Conditions on what was said earlier in the call, for a signal that depends on it: cost
 * explained only once the customer asked what it costs; account details a fault only while
 * the caller's identity is unverified. Checked on the reply's context (the customer's and the
 * trainee's earlier turns), so a whole transcript and a live turn are judged alike.
 */
import { z } from 'zod';
import { WordLists, type CompileTools } from './detectors/definition.ts';
import type { ReplyContext } from './context.ts';

export const EarlierSaid = z
  .strictObject({
    /** An earlier trainee turn said one of these. */
    trainee_said: WordLists.optional(),
    /** An earlier customer turn said one of these. */
    customer_said: WordLists.optional(),
  })
  .refine((e) => e.trainee_said !== undefined || e.customer_said !== undefined, { message: 'needs trainee_said or customer_said' });
export type EarlierSaid = z.infer<typeof EarlierSaid>;

/** Whether an earlier turn of the call said what the condition names. */
export type EarlierTest = (reply: ReplyContext) => boolean;

export function compileEarlier(config: EarlierSaid, tools: CompileTools): EarlierTest {
  const trainee = config.trainee_said ? tools.phrases(config.trainee_said) : null;
  const customer = config.customer_said ? tools.phrases(config.customer_said) : null;
  return (reply) =>
    (trainee !== null && reply.earlier.trainee.some((t) => trainee[reply.lang].test(t.text.norm))) ||
    (customer !== null && reply.customer.some((c) => customer[reply.lang].test(c.text.norm)));
}
