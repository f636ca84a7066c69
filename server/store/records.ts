/**
 * What the server stores: users, training sessions and their turns. zod schemas, so a record
 * read back from a file or from Redis is checked like any other outside input.
 */
import { z } from 'zod';
import { OUTCOMES } from '../personas/customerState.ts';
import { Mood } from '../personas/schema.ts';
import { Locale, Scenario, ScoreReport, TurnScore } from '../scoring/types.ts';

export const ROLES = ['trainee', 'coach', 'qa', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  role: Role,
  /** scrypt, with its parameters: `scrypt$N$r$p$salt$hash` (base64). */
  passwordHash: z.string().min(1),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Outcome = z.enum([...OUTCOMES, 'ended']);
/** How a session ended: the persona's outcome, or `ended` when the trainee ended it. */
export type SessionOutcome = z.infer<typeof Outcome>;

/** The customer's state as stored (plain data: CustomerState). */
export const StoredState = z.object({
  personaId: z.string(),
  personaVersion: z.number().int(),
  locale: Locale,
  seed: z.number().int(),
  mood: Mood,
  steps: z.array(z.string()),
  revealed: z.array(z.string()),
  heard: z.record(z.string(), z.number()),
  hotTurns: z.number().int(),
  lostTurns: z.number().int(),
  traineeTurns: z.number().int(),
  outcome: z.enum(OUTCOMES).nullable(),
});

export const StoredTurn = z.object({
  /** Position in the session's transcript, from 0 (the customer's opening). */
  index: z.number().int().nonnegative(),
  role: z.enum(['customer', 'trainee']),
  text: z.string(),
  at: z.string(),
  /** Customer turns: the mood after it and the customer's state, so a session resumes anywhere. */
  mood: Mood.optional(),
  state: StoredState.optional(),
  /** Trainee turns: that turn's entry of the score report. */
  score: TurnScore.optional(),
  /** Customer turns written by the scripted engine because the LLM failed. */
  fallback: z.boolean().optional(),
});
export type StoredTurn = z.infer<typeof StoredTurn>;

export const SessionRecord = z.object({
  id: z.string().min(1),
  traineeId: z.string().min(1),
  personaId: z.string().min(1),
  personaVersion: z.number().int(),
  locale: Locale,
  scenario: Scenario,
  mode: z.enum(['scripted', 'llm']),
  seed: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: Outcome.nullable(),
  /** The whole score report, once the session has ended. */
  report: ScoreReport.nullable(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** A session's summary line, as `GET /api/sessions` lists it. */
export interface SessionSummary {
  id: string;
  traineeId: string;
  personaId: string;
  startedAt: string;
  endedAt: string | null;
  outcome: SessionOutcome | null;
  overall: number | null;
}

export function summarize(s: SessionRecord): SessionSummary {
  return {
    id: s.id,
    traineeId: s.traineeId,
    personaId: s.personaId,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    outcome: s.outcome,
    overall: s.report?.summary.overall ?? null,
  };
}
