/**
 * The SQL tables of the records store, as Kysely sees them: written once, for both SQLite and
 * PostgreSQL (migrations.ts creates them; sqlSessionStore.ts reads and writes them).
 *
 * Times are ISO-8601 UTC text, as the domain records carry them: they sort as text and come
 * back exactly as stored on either database. JSON columns (TEXT on SQLite, JSONB on
 * PostgreSQL) are written as JSON text and read back as `unknown`, to be checked with the
 * domain's zod schemas (sqlRows.ts). Flags are written as 1 / 0 (SQLite has no booleans; a
 * PostgreSQL boolean takes '1' and '0') and read with `Boolean()`.
 */
import type { ColumnType, Generated } from 'kysely';

/** A JSON column: JSON text in, whatever the driver gives out (text or a parsed value). */
export type JsonColumn = ColumnType<unknown, string, string>;
/** A flag: 1 or 0 in, 1 / 0 (SQLite) or true / false (PostgreSQL) out. */
export type FlagColumn = ColumnType<number | boolean, number, number>;
/** A count or a bigint: PostgreSQL gives bigints as text. */
export type WideInteger = ColumnType<number | string | bigint, number, number>;

export interface UsersTable {
  id: string;
  username: string;
  role: string;
  password_hash: string;
  created_at: string;
  /**
   * Account management (a sign-out everywhere, a leaver, a temporary password); null where
   * the user record has no such field, so it reads back as it was written.
   */
  token_version: number | null;
  disabled: FlagColumn | null;
  must_change_password: FlagColumn | null;
}

/** A token signed out before its expiry, until then (ms since the epoch). */
export interface RevokedTokensTable {
  jti: string;
  expires_at: WideInteger;
}

export interface SessionsTable {
  id: string;
  trainee_id: string;
  persona_id: string;
  persona_version: number;
  locale: string;
  scenario: string;
  mode: string;
  seed: WideInteger;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  /** The report's overall score and criterion scores, kept beside it so lists never read reports. */
  overall: number | null;
  criteria: JsonColumn | null;
  report: JsonColumn | null;
  assignment_id: string | null;
  /** Null when the record had no `tryout` field (an older record), so it reads back the same. */
  tryout: FlagColumn | null;
}

export interface TurnsTable {
  session_id: string;
  /** `index` is a keyword in SQL. */
  turn_index: number;
  role: string;
  text: string;
  at: string;
  mood: JsonColumn | null;
  state: JsonColumn | null;
  score: JsonColumn | null;
  fallback: FlagColumn | null;
}

export interface ReviewsTable {
  /** Order of arrival: a session's reviews are listed in the order they were added. */
  seq: Generated<WideInteger>;
  id: string;
  session_id: string;
  at: string;
  entry: JsonColumn;
}

export interface AssignmentsTable {
  id: string;
  created_at: string;
  entry: JsonColumn;
}

/** Which trainees an assignment names: what a trainee's list is filtered by. */
export interface AssignmentTraineesTable {
  assignment_id: string;
  trainee_id: string;
}

export interface PersonaVersionsTable {
  /** Order of saving: versions are listed in the order they were saved. */
  seq: Generated<WideInteger>;
  persona_id: string;
  locale: string;
  version: number;
  text: string;
  saved_by: string;
  saved_at: string;
}

export interface SecretsTable {
  name: string;
  value: string;
}

export interface Tables {
  users: UsersTable;
  sessions: SessionsTable;
  turns: TurnsTable;
  reviews: ReviewsTable;
  assignments: AssignmentsTable;
  assignment_trainees: AssignmentTraineesTable;
  persona_versions: PersonaVersionsTable;
  secrets: SecretsTable;
  revoked_tokens: RevokedTokensTable;
}
