/**
 * Request bodies of the HTTP API that the web client builds as a whole, as zod schemas: the
 * route checks what arrives with the schema, the client types what it sends with its type
 * (`import type`). Bodies the client writes inline (a comment, an override, a login) are
 * checked in their routes.
 */
import { z } from 'zod';
import { Locale } from '../scoring/types.ts';
import { cleanString } from '../validation/outsideText.ts';
import { Assignment } from './records.ts';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"');

/** `POST /api/assignments`: `hideMood`, `hints` and `note` may be left out. */
export const NewAssignment = z.strictObject({
  personaId: Id,
  locale: Locale,
  traineeIds: z.array(Id).min(1, 'name at least one trainee').max(1000),
  dueAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time, e.g. 2025-06-30T17:00:00+08:00' }),
  hideMood: z.boolean().default(false),
  hints: Assignment.shape.hints.default('trainee'),
  note: cleanString().trim().max(1000, 'must be at most 1000 characters').default(''),
});
/** The body with every field given, as the web client sends it. */
export type NewAssignment = z.output<typeof NewAssignment>;
