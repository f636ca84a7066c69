/**
 * The answers of the HTTP API (docs/api.md), as zod schemas: the routes build values of
 * their types, the HTTP tests check every answer against them, and the web client imports
 * the types (`import type`, so nothing of zod or the server reaches the bundle). The
 * contract's own routes keep their shapes in shared/contracts/realtime.md; the session view
 * below is that shape, everything else an extension. A persona's public shape is the
 * persona file's own (server/personas/schema.ts `PublicPersona`).
 */
import { z } from 'zod';
import { CriterionId, Locale, ScoreReport, Scenario } from '../scoring/types.ts';
import { FileProblem } from './fileProblem.ts';
import { PersonaTestResult } from './personaTestResult.ts';
import { Assignment, CommentEntry, OverrideEntry, SessionRecord, SessionSummary, StoredTurn, User } from './records.ts';

const Score = z.number().min(0).max(100);

// ---- errors: one shape for every route (server/http/errors.ts gives each code its status) ----

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  /** 403 until an account whose password someone else saw sets its own (docs/api.md). */
  'password_change_required',
  'not_found',
  'conflict',
  'too_many_attempts',
  'internal',
  'unavailable',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- accounts ----

/** `GET /api/health`: the process answers. */
export const HealthAnswer = z.object({ ok: z.literal(true) });
export type HealthAnswer = z.infer<typeof HealthAnswer>;

/** What `GET /api/ready` checks: the store always, Redis when REDIS_URL is set. */
export const ReadyPart = z.enum(['store', 'redis']);
export type ReadyPart = z.infer<typeof ReadyPart>;

/**
 * `GET /api/ready`: 200 `{ ok: true }` when every part answers, else 503 naming the parts
 * that did not (`timeout` or `error`; the detail goes to the log, not to anonymous callers).
 */
export const ReadyAnswer = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), failed: z.array(z.object({ part: ReadyPart, reason: z.enum(['timeout', 'error']) })).min(1) }),
]);
export type ReadyAnswer = z.infer<typeof ReadyAnswer>;

/** An account as an admin sees it (`GET`/`POST`/`PATCH /api/users`): never its password hash. */
export const PublicUser = User.pick({ id: true, username: true, role: true, createdAt: true }).extend({ disabled: z.boolean() });
export type PublicUser = z.infer<typeof PublicUser>;

/** The signed-in user as the client keeps it: `POST /api/login`'s `user`, and `GET /api/me`. */
export const SignedInUser = User.pick({ id: true, username: true, role: true }).extend({
  /** Extension: true until the account sets its own password (the generated first admin's, an admin's reset). */
  mustChangePassword: z.boolean(),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

/** `POST /api/login`'s answer. The token is also set as an HttpOnly cookie for the web client. */
export const LoginAnswer = z.object({
  token: z.string().min(1),
  user: SignedInUser,
});
export type LoginAnswer = z.infer<typeof LoginAnswer>;

// ---- a session: the contract's view ----

/** A turn as a client sees it: without the customer's internal state. */
export const TurnView = StoredTurn.pick({ index: true, role: true, text: true, at: true, mood: true, score: true });
export type TurnView = z.infer<typeof TurnView>;

/**
 * A session as a client sees it: the transcript and the score report (the stored one once
 * ended, else the report of the transcript so far).
 */
export const SessionView = SessionRecord.pick({
  id: true,
  traineeId: true,
  personaId: true,
  locale: true,
  scenario: true,
  startedAt: true,
  endedAt: true,
  outcome: true,
}).extend({
  turns: z.array(TurnView),
  report: ScoreReport,
});
export type SessionView = z.infer<typeof SessionView>;

// ---- sessions, for coaches ----

/** One line of `GET /api/sessions`: the store's summary plus names a person reads. */
export const SessionListItem = SessionSummary.extend({
  traineeName: z.string(),
  personaName: z.string(),
});
export type SessionListItem = z.infer<typeof SessionListItem>;

/** Three suggestions drawn from a session's evidence, in the session's locale. */
export const CoachingSuggestions = z.object({
  keep: z.string(),
  start: z.string(),
  stop: z.string(),
});
export type CoachingSuggestions = z.infer<typeof CoachingSuggestions>;

/** The coach's score per criterion where overridden: the latest override's score. */
export const Overridden = z.partialRecord(
  CriterionId,
  z.object({ score: OverrideEntry.shape.score, reason: z.string(), by: z.string(), at: z.string() }),
);
export type Overridden = z.infer<typeof Overridden>;

/** What `GET /api/sessions/:id` adds to the contract's view. */
export const SessionReview = z.object({
  traineeName: z.string(),
  personaName: z.string(),
  /** The persona version the session was played with. */
  personaVersion: SessionRecord.shape.personaVersion,
  mode: SessionRecord.shape.mode,
  assignmentId: z.string().min(1).nullable(),
  tryout: z.boolean(),
  comments: z.array(CommentEntry),
  /** Every override, oldest first (a later one for the same criterion supersedes an earlier). */
  overrides: z.array(OverrideEntry),
  overridden: Overridden,
  /** Null until the session has ended. */
  coaching: CoachingSuggestions.nullable(),
});
export type SessionReview = z.infer<typeof SessionReview>;

/** What `GET /api/sessions/:id` answers: the contract's view and the review beside it. */
export const SessionDetail = SessionView.extend(SessionReview.shape);
export type SessionDetail = z.infer<typeof SessionDetail>;

/**
 * `GET /api/sessions/:id/export.json`: who and when, the scoring contract's transcript (so
 * `npx sparring score` reads the file back), the engine's report, and the review.
 */
export const SessionExport = z.object({
  session: SessionRecord.pick({
    id: true,
    traineeId: true,
    personaId: true,
    personaVersion: true,
    locale: true,
    scenario: true,
    mode: true,
    startedAt: true,
    endedAt: true,
    outcome: true,
  }).extend({
    traineeName: z.string(),
    personaName: z.string(),
    assignmentId: z.string().min(1).nullable(),
    tryout: z.boolean(),
  }),
  /** The scoring contract's transcript (shared/contracts/scoring.md). */
  transcript: z.object({
    locale: Locale,
    scenario: Scenario,
    persona: z.string(),
    turns: z.array(StoredTurn.pick({ role: true, text: true })),
  }),
  /** The engine's report: the stored one once ended, else the report so far. */
  report: ScoreReport,
  review: z.object({ comments: z.array(CommentEntry), overrides: z.array(OverrideEntry), overridden: Overridden }),
  coaching: CoachingSuggestions.nullable(),
});
export type SessionExport = z.infer<typeof SessionExport>;

// ---- trainees and their progress ----

export const TraineeListItem = User.pick({ id: true, username: true });
export type TraineeListItem = z.infer<typeof TraineeListItem>;

export const ProgressPoint = z.object({
  sessionId: z.string(),
  personaId: z.string(),
  personaName: z.string(),
  /** The session's locale: its persona and its suggestions are in it. */
  locale: Locale,
  endedAt: z.string(),
  outcome: SessionSummary.shape.outcome,
  overall: Score,
  /** The engine's scores, with the coach's overrides applied where there are any. */
  criteria: z.partialRecord(CriterionId, Score),
  coaching: CoachingSuggestions,
});
export type ProgressPoint = z.infer<typeof ProgressPoint>;

/** `GET /api/trainees/:id/progress`: ended sessions, oldest first. */
export const TraineeProgress = z.object({
  trainee: TraineeListItem,
  sessions: z.array(ProgressPoint),
});
export type TraineeProgress = z.infer<typeof TraineeProgress>;

// ---- assignments ----

export const ASSIGNMENT_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

export const AssignmentTraineeStatus = z.object({
  traineeId: z.string(),
  traineeName: z.string(),
  status: AssignmentStatus,
  /** The latest session started for this assignment, if any. */
  sessionId: z.string().nullable(),
  completedAt: z.string().nullable(),
  overall: Score.nullable(),
});
export type AssignmentTraineeStatus = z.infer<typeof AssignmentTraineeStatus>;

/** One line of `GET /api/assignments` (a coach sees every trainee's status; a trainee, their own only). */
export const AssignmentView = Assignment.extend({
  personaName: z.string(),
  overdue: z.boolean(),
  trainees: z.array(AssignmentTraineeStatus),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

// ---- persona files, for QA ----

/** A problem found in persona text: the file's path is the persona's place, the line where it is. */
export const PersonaProblem = FileProblem.omit({ path: true });
export type PersonaProblem = z.infer<typeof PersonaProblem>;

/** A refused save or test run: the one error shape (`bad_request`, 400), with the problems beside it. */
export const PersonaProblemsAnswer = ErrorBody.extend({ problems: z.array(PersonaProblem) });
export type PersonaProblemsAnswer = z.infer<typeof PersonaProblemsAnswer>;

const VersionSource = z.enum(['file', 'saved']);

export const PersonaFileListItem = z.object({
  /** From the folder and file name (or the saved version); what the text says may differ when invalid. */
  id: z.string(),
  locale: Locale,
  name: z.string().nullable(),
  scenario: Scenario.nullable(),
  /** The version trainees get: the latest valid one. */
  version: z.number().int().positive().nullable(),
  /** `file`: as shipped in personas/; `saved`: the latest version was saved through the web client. */
  source: VersionSource,
  status: z.enum(['valid', 'invalid']),
  /** The live version is retired: trainees no longer see it. */
  retired: z.boolean(),
  problems: z.array(PersonaProblem),
  tests: z.number().int().nonnegative(),
  savedBy: z.string().nullable(),
  savedAt: z.string().nullable(),
});
export type PersonaFileListItem = z.infer<typeof PersonaFileListItem>;

export const PersonaVersionInfo = z.object({
  version: z.number().int().positive(),
  source: VersionSource,
  savedBy: z.string().nullable(),
  savedAt: z.string().nullable(),
});
export type PersonaVersionInfo = z.infer<typeof PersonaVersionInfo>;

/** `GET /api/persona-files/:id/:locale`: the latest text and the version history, newest first. */
export const PersonaSource = z.object({
  id: z.string(),
  locale: Locale,
  version: z.number().int().positive(),
  text: z.string(),
  versions: z.array(PersonaVersionInfo),
});
export type PersonaSource = z.infer<typeof PersonaSource>;

/** `POST /api/persona-files/check`: whether the text would save. */
export const PersonaCheck = z.object({
  ok: z.boolean(),
  problems: z.array(PersonaProblem),
  /** What the text says it is, when it parses that far. */
  id: z.string().nullable(),
  locale: Locale.nullable(),
});
export type PersonaCheck = z.infer<typeof PersonaCheck>;

/** `PUT /api/persona-files/:id/:locale` on success (201). */
export const PersonaSaved = z.object({
  id: z.string(),
  locale: Locale,
  version: z.number().int().positive(),
});
export type PersonaSaved = z.infer<typeof PersonaSaved>;

/** `POST /api/persona-files/:id/:locale/tests`. */
export const PersonaTestRun = z.object({
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  results: z.array(PersonaTestResult),
});
export type PersonaTestRun = z.infer<typeof PersonaTestRun>;
