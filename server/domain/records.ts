/**
 * What the server stores: users, training sessions and their turns. zod schemas, so a record
 * read back from a file or from Redis is checked like any other outside input.
 */
import { z } from 'zod';
import { CustomerState, OUTCOMES } from './customerState.ts';
import { Mood } from './mood.ts';
import { CriterionId, Locale, Scenario, ScoreReport, TurnScore } from '../scoring/types.ts';

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
  /**
   * Tokens carry the version they were issued under; raising it (password change or reset,
   * deactivation, role change) makes every older token of the user invalid at once. Absent
   * in users stored before it existed: read as 0.
   */
  tokenVersion: z.number().int().nonnegative().optional(),
  /** A deactivated account: cannot sign in, and its tokens are refused. Absent: active. */
  disabled: z.boolean().optional(),
  /** Set for a password someone else saw (the generated first admin's, an admin's reset): every route but password change and logout answers 403 until it is changed. */
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/** What an account change may set (server/store/sessionStore.ts `updateUser`): nothing else. */
export const UserChange = User.pick({ role: true, passwordHash: true, disabled: true, mustChangePassword: true }).partial().strict();
export type UserChange = z.infer<typeof UserChange>;

/** A token signed out before its expiry (logout), kept until then. */
export const RevokedToken = z.object({ jti: z.string().min(1), expiresAt: z.number().int() });
export type RevokedToken = z.infer<typeof RevokedToken>;

export const Outcome = z.enum([...OUTCOMES, 'ended']);
/** How a session ended: the persona's outcome, or `ended` when the trainee ended it. */
export type SessionOutcome = z.infer<typeof Outcome>;

export const StoredTurn = z.object({
  /** Position in the session's transcript, from 0 (the customer's opening). */
  index: z.number().int().nonnegative(),
  role: z.enum(['customer', 'trainee']),
  text: z.string(),
  at: z.string(),
  /** Customer turns: the mood after it and the customer's state, so a session resumes anywhere. */
  mood: Mood.optional(),
  state: CustomerState.optional(),
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
  /** The assignment this session was started for, if any. */
  assignmentId: z.string().min(1).optional(),
  /** A QA person trying a persona out: not training, left out of coaches' lists by default. */
  tryout: z.boolean().optional(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/**
 * A session's summary line, as `GET /api/sessions` lists it: the contract's fields, then
 * what a coach filters, sorts and charts by (extensions).
 */
export const SessionSummary = SessionRecord.pick({
  id: true,
  traineeId: true,
  personaId: true,
  startedAt: true,
  endedAt: true,
  outcome: true,
  personaVersion: true,
  locale: true,
  scenario: true,
}).extend({
  overall: z.number().min(0).max(100).nullable(),
  /** The session's criterion scores once it has ended (the engine's, never overridden). */
  criteria: z.partialRecord(CriterionId, z.number().min(0).max(100)).nullable(),
  assignmentId: z.string().min(1).nullable(),
  tryout: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export function summarize(s: SessionRecord): SessionSummary {
  return {
    id: s.id,
    traineeId: s.traineeId,
    personaId: s.personaId,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    outcome: s.outcome,
    overall: s.report?.summary.overall ?? null,
    personaVersion: s.personaVersion,
    locale: s.locale,
    scenario: s.scenario,
    criteria: s.report ? { ...s.report.summary.criteria } : null,
    assignmentId: s.assignmentId ?? null,
    tryout: s.tryout === true,
  };
}

// ---- review: a coach's comments and score overrides, stored beside the engine's scores ----

const ReviewBase = z.object({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  authorId: z.string().min(1),
  authorName: z.string().min(1),
  at: z.string(),
});

/** A comment on one turn of the transcript. */
export const CommentEntry = ReviewBase.extend({ kind: z.literal('comment'), turnIndex: z.number().int().nonnegative(), text: z.string().min(1).max(2000) });
export type CommentEntry = z.infer<typeof CommentEntry>;

/**
 * A coach's score for one criterion of the session, with why. The engine's score is kept
 * in the report untouched; the latest override per criterion is the coach's view.
 */
export const OverrideEntry = ReviewBase.extend({
  kind: z.literal('override'),
  criterion: CriterionId,
  score: z.number().int().min(0).max(100),
  reason: z.string().min(1).max(1000),
});
export type OverrideEntry = z.infer<typeof OverrideEntry>;

export const ReviewEntry = z.discriminatedUnion('kind', [CommentEntry, OverrideEntry]);
export type ReviewEntry = z.infer<typeof ReviewEntry>;

// ---- assignments: a persona to practise, given by a coach to trainees, with a due date ----

export const Assignment = z.object({
  id: z.string().min(1),
  personaId: z.string().min(1),
  locale: Locale,
  traineeIds: z.array(z.string().min(1)).min(1),
  /** ISO date-time by which the trainees should have completed a session with the persona. */
  dueAt: z.string(),
  /** The coach requires the mood gauge hidden during these sessions. */
  hideMood: z.boolean(),
  /** Live hints after each reply: on, off, or the trainee's own choice. */
  hints: z.enum(['on', 'off', 'trainee']),
  note: z.string().max(1000).default(''),
  createdBy: z.string().min(1),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof Assignment>;

// ---- persona versions: what QA saved, every version kept ----

export const PersonaVersion = z.object({
  personaId: z.string().min(1),
  locale: Locale,
  version: z.number().int().positive(),
  /** The YAML as saved (its `version:` set to this version). */
  text: z.string().min(1),
  savedBy: z.string().min(1),
  savedAt: z.string(),
});
export type PersonaVersion = z.infer<typeof PersonaVersion>;
