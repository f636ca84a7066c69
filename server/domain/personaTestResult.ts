/**
 * The result of one conversation a persona file carries as its own test: which test, whether
 * it passed, what failed, and the conversation as it went. The persona tests produce it,
 * `sparring personas test` prints it, the QA route answers it.
 */
import { z } from 'zod';
import { Locale } from '../scoring/types.ts';
import { Mood } from './mood.ts';

export const PersonaTestResult = z.object({
  persona: z.string(),
  locale: Locale,
  test: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  /** The conversation as it went, for reading a failure. */
  transcript: z.array(z.object({ role: z.enum(['customer', 'trainee']), text: z.string(), mood: Mood.optional() })),
});
export type PersonaTestResult = z.infer<typeof PersonaTestResult>;
