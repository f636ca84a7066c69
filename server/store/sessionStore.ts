/**
 * The storage interface, in the words of the domain. Every implementation passes one contract
 * suite (test/store/sessionStore.contract.ts): the server's, SQL (sqlSessionStore.ts: SQLite
 * in DATA_DIR by default, PostgreSQL from DATABASE_URL for several processes); and those of
 * earlier versions, kept for `sparring migrate` to read from: files under DATA_DIR
 * (fileSessionStore.ts) and Redis (redisSessionStore.ts).
 *
 * Every write is complete or absent: a crash mid-write never leaves half a record that a
 * later read would take for a whole one.
 *
 * What a store answers is the caller's to read, not to change: the file store hands out the
 * records it holds, frozen (an attempt to change one throws), and only the arrays are the
 * caller's own. Build a changed copy instead (`{ ...turn, text }`).
 */
import type { Assignment, PersonaVersion, ReviewEntry, SessionRecord, SessionSummary, StoredTurn, User, UserChange } from '../domain/records.ts';

export type AppendResult =
  | { ok: true }
  /** A turn with that index is already stored: here it is (a repeated send). */
  | { ok: false; code: 'exists'; existing: StoredTurn }
  /** The index is not the next one: the caller's view of the session is stale. */
  | { ok: false; code: 'out_of_order'; next: number }
  | { ok: false; code: 'not_found' };

export interface SessionStore {
  /** Creates a user; false when the username is taken. */
  createUser(user: User): Promise<boolean>;
  getUser(id: string): Promise<User | null>;
  findUserByUsername(username: string): Promise<User | null>;
  countUsers(): Promise<number>;
  /** Every user, oldest first. */
  listUsers(): Promise<User[]>;
  /**
   * Changes an account and answers it as now stored; null for an unknown id. With
   * `revokeTokens`, the user's token version goes up by one in the same write, so every
   * token issued before stops working (two changes at once each raise it: none is lost).
   */
  updateUser(id: string, change: UserChange, options?: { revokeTokens?: boolean }): Promise<User | null>;

  /** Signs one token out (logout) until `expiresAt` (ms since the epoch), when it expires anyway. */
  revokeToken(jti: string, expiresAt: number): Promise<void>;
  /** Whether this token was signed out (and has not expired since). */
  isTokenRevoked(jti: string): Promise<boolean>;

  /** Stores a new session with its first turn (the customer's opening). */
  createSession(session: SessionRecord, opening: StoredTurn): Promise<void>;
  getSession(id: string): Promise<{ session: SessionRecord; turns: StoredTurn[] } | null>;
  /** Newest first; only one trainee's when `traineeId` is given. */
  listSessions(filter?: { traineeId?: string }): Promise<SessionSummary[]>;
  /** Sessions of this trainee not yet ended. */
  countOpenSessions(traineeId: string): Promise<number>;
  /**
   * Appends one turn; its `index` must be the session's next. Idempotent for a repeated index.
   * With `keepGap` (a copy of records whose source lost a turn to damage: `sparring migrate`),
   * an index past the next is taken too, leaving the gap as the source has it; the SQL store
   * honours it, the older stores, only ever copied from, need not.
   */
  appendTurn(sessionId: string, turn: StoredTurn, options?: { keepGap?: boolean }): Promise<AppendResult>;
  /** Marks the session ended with its outcome and whole report; a second call changes nothing. */
  endSession(sessionId: string, end: { endedAt: string; outcome: NonNullable<SessionRecord['outcome']>; report: NonNullable<SessionRecord['report']> }): Promise<boolean>;

  /**
   * Adds a coach's comment or override to a session; false when there is no such session.
   * An entry whose id is already stored (a repeated send) is not added again.
   */
  addReview(entry: ReviewEntry): Promise<boolean>;
  /** A session's comments and overrides, oldest first. */
  listReviews(sessionId: string): Promise<ReviewEntry[]>;

  /** Stores a new assignment; rejects when its id is taken. */
  createAssignment(assignment: Assignment): Promise<void>;
  getAssignment(id: string): Promise<Assignment | null>;
  /** Newest first; only those naming this trainee when `traineeId` is given. */
  listAssignments(filter?: { traineeId?: string }): Promise<Assignment[]>;

  /**
   * Saves a persona version. Its number must be higher than the latest saved for that
   * persona and locale (any number when none is saved yet; higher than the next when a
   * shipped file is ahead): two QA people saving the same number at once cannot both win;
   * the loser hears the latest number.
   */
  savePersonaVersion(version: PersonaVersion): Promise<{ ok: true } | { ok: false; code: 'conflict'; latest: number }>;
  /** Every saved version (text included), oldest first; of one persona when `personaId` is given. */
  listPersonaVersions(filter?: { personaId?: string }): Promise<PersonaVersion[]>;

  /** A named secret (the token signing key), created once and shared by every process. */
  secret(name: string, create: () => string): Promise<string>;
  /** What was found wrong in the stored data at start (a truncated last line…), for the log. */
  readonly problems: readonly string[];
  close(): Promise<void>;
}
