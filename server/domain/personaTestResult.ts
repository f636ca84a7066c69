/**
 * The result of one conversation a persona file carries as its own test: which test, whether
 * it passed, what failed, and the conversation as it went. The persona tests produce it,
 * `sparring personas test` prints it, the QA route answers it.
 */
import { z } from 'zod';
import { Locale } from '../scoring/types.ts';
import { Mood } from './mood.ts';

const Turn = z.number().int().positive();
const Direction = z.enum(['up', 'down', 'same']);

/**
 * One failure of a persona test as a code and its values, so the QA editor words it in the
 * reader's language; `failures` says the same in English, in the same order, for the CLI.
 * `turn` is 1-based.
 */
export const TestFailure = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('already_ended'), turn: Turn, outcome: z.string() }),
  z.object({ kind: z.literal('mood'), turn: Turn, axis: z.enum(['anger', 'trust', 'confusion']), expected: Direction, got: Direction, from: z.number(), to: z.number() }),
  z.object({ kind: z.literal('stage'), turn: Turn, expected: z.string(), got: z.string() }),
  z.object({ kind: z.literal('reveal'), turn: Turn, expected: z.string(), got: z.string().nullable() }),
  z.object({ kind: z.literal('reply'), turn: Turn, words: z.string(), reply: z.string() }),
  z.object({ kind: z.literal('ended'), turn: Turn, expected: z.boolean(), outcome: z.string().nullable() }),
  z.object({ kind: z.literal('outcome'), expected: z.string(), got: z.string() }),
]);
export type TestFailure = z.infer<typeof TestFailure>;

export const PersonaTestResult = z.object({
  persona: z.string(),
  locale: Locale,
  test: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  /** The failures as codes, one for each of `failures`. */
  failureDetails: z.array(TestFailure),
  /** The conversation as it went, for reading a failure. */
  transcript: z.array(z.object({ role: z.enum(['customer', 'trainee']), text: z.string(), mood: Mood.optional() })),
});
export type PersonaTestResult = z.infer<typeof PersonaTestResult>;
