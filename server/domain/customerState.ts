/**
 * Where a simulated customer stands in a conversation: mood, the steps of the call's process
 * the trainee has taken them through, the facts revealed, and whether it has ended. Plain
 * data, so a session can be stored and resumed anywhere: the one schema both the persona
 * runtime (its type) and the store (each customer turn keeps it) use.
 */
import { z } from 'zod';
import { Locale, StepId } from '../scoring/types.ts';
import { Mood } from './mood.ts';

export const OUTCOMES = ['resolved', 'escalated', 'abandoned'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CustomerState = z.object({
  personaId: z.string(),
  personaVersion: z.number().int(),
  locale: Locale,
  /** Seeds every choice of line, so a replay gives the same customer. */
  seed: z.number().int(),
  mood: Mood,
  /** Steps of the call's process reached, in the order the trainee took them. */
  steps: z.array(StepId),
  /**
   * The whole-call steps of the call's process so far: kept while nothing has broken them,
   * broken for good by one reply (a disclosure). Stored states from before have none.
   */
  wholeCall: z.record(StepId, z.enum(['kept', 'broken'])).default({}),
  revealed: z.array(z.string()),
  /** How many earlier replies carried each signal: soothing words wear off with repetition. */
  heard: z.record(z.string(), z.number()),
  /** Consecutive trainee turns with anger at the escalation threshold. */
  hotTurns: z.number().int(),
  /** Consecutive trainee turns with confusion at the give-up threshold. */
  lostTurns: z.number().int(),
  traineeTurns: z.number().int(),
  outcome: z.enum(OUTCOMES).nullable(),
});
export type CustomerState = z.infer<typeof CustomerState>;
