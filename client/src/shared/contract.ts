/**
 * The server's shapes as the client sees them. One source of truth: every type here comes
 * from the server's zod schemas (server/scoring/types.ts, server/sessions/*, the HTTP
 * answers in server/domain/apiAnswers.ts), imported with `import type`, so nothing of zod
 * reaches the bundle. The few lists the client needs at
 * run time are repeated below and checked against those types, so a server change that
 * renames or adds one fails the client's type-check instead of showing a blank label.
 */
import type { PersonaListing, PublicPersona } from '../../../server/personas/schema.ts';
import type { SessionView } from '../../../server/http/sessionView.ts';
import type {
  ComplaintStep,
  ContractSignalId,
  CriterionId,
  Evidence,
  Locale,
  ProcessSummary,
  Scenario,
  ScoreReport,
  SessionFailure,
  TurnScore,
} from '../../../server/scoring/types.ts';
import type { Mood, MoodAxis } from '../../../server/domain/mood.ts';
import type { Answer, ClientEvent, ClientToServerEvents, ServerToClientEvents } from '../../../server/sessions/payloads.ts';
import type { AckError } from '../../../server/sessions/ackErrors.ts';
import type {
  ClientTurn,
  CustomerError,
  CustomerSay,
  SessionEnded,
  SessionResumeOk,
  SessionStartOk,
  TraineeSaid,
  TraineeSayOk,
  TurnModelSignals,
} from '../../../server/sessions/serverEvents.ts';
import type { SessionOutcome } from '../../../server/domain/records.ts';
import type { SignalCatalog } from '../../../server/scoring/rubric/signalCatalog.ts';

export type {
  AckError,
  Answer,
  ClientEvent,
  ClientToServerEvents,
  ClientTurn,
  ComplaintStep,
  ContractSignalId,
  CriterionId,
  CustomerError,
  CustomerSay,
  Evidence,
  Locale,
  Mood,
  MoodAxis,
  ProcessSummary,
  Scenario,
  ScoreReport,
  SessionFailure,
  ServerToClientEvents,
  SessionEnded,
  SessionOutcome,
  SessionResumeOk,
  SessionStartOk,
  SessionView,
  SignalCatalog,
  TraineeSaid,
  TraineeSayOk,
  TurnModelSignals,
  TurnScore,
};

/** A persona as `GET /api/personas/:id` gives it (what the briefing shows), and one line of `GET /api/personas`. */
export type { PersonaListing, PublicPersona };
export type Difficulty = PublicPersona['difficulty'];

/** One line of `GET /api/sessions`. */
export type { SessionSummary as SessionListing } from '../../../server/domain/records.ts';

// ---- the run-time lists, checked against the server's types ----

/**
 * A list holding every member of U: `listOf<Locale>()(['zh-Hans', 'en'])` does not type-check
 * because 'zh-Hant' is missing.
 */
function listOf<U>() {
  return <const L extends readonly U[]>(list: L & ([U] extends [L[number]] ? unknown : { missing: Exclude<U, L[number]> })): L => list;
}

export const LOCALES = listOf<Locale>()(['zh-Hans', 'zh-Hant', 'en']);
export const SCENARIOS = listOf<Scenario>()(['complaint', 'collection', 'third_party', 'application', 'general']);
export const DIFFICULTIES = listOf<Difficulty>()(['easy', 'medium', 'hard']);
export const CRITERIA = listOf<CriterionId>()(['empathy', 'active_listening', 'plain_language', 'complaint_process', 'conduct']);
export const COMPLAINT_STEPS = listOf<ComplaintStep>()(['acknowledge', 'investigate', 'negotiate', 'follow_up']);
export const MOOD_AXES = listOf<MoodAxis>()(['anger', 'trust', 'confusion']);

/** Every other answer of the HTTP API (docs/api.md): `LoginAnswer`, `SessionView`, the coach and QA routes'. */
export type * from '../../../server/domain/apiAnswers.ts';
/** The request bodies the client builds whole (docs/api.md). */
export type { NewAssignment } from '../../../server/domain/apiRequests.ts';
