/**
 * The store (SessionStore, sessionStore.ts) of earlier versions: everything as files under
 * DATA_DIR. The server no longer opens it (records are in SQL, sqlSessionStore.ts); `sparring
 * migrate --from-data-dir` reads from it.
 *
 * FOR ONE SERVER PROCESS. Everything is read at open and served from memory, except what
 * ended sessions no longer need: of each, only its summary stays in memory, and its record,
 * report and turns are read back from its file when asked for (file/endedSessions.ts), so
 * memory does not grow with the transcripts of every session ever run. Writes are
 * serialised inside this process only. A second process on the same DATA_DIR would not see
 * this one's writes and could refuse or overwrite them: run several server processes on
 * Redis (redisSessionStore.ts) instead.
 *
 *   users.jsonl              one User per line; a later line of    file/recordLog.ts
 *                            the same id and name is its change
 *   revoked-tokens.jsonl     one RevokedToken per line (logouts)   file/recordLog.ts
 *   sessions/<id>.jsonl      the session, its turns, its end       file/sessionFiles.ts
 *   reviews.jsonl            one ReviewEntry per line              file/recordLog.ts
 *   assignments.jsonl        one Assignment per line               file/recordLog.ts
 *   persona-versions.jsonl   one PersonaVersion per line           file/recordLog.ts
 *   secrets.json             { name: value }, mode 0600            file/secretsFile.ts
 *
 * Durability (file/lineFile.ts, file/durableWrite.ts): an append is one write of a whole
 * line, then fdatasync, before its promise resolves; a new or rewritten file appears whole
 * or not at all. A crash leaves at most a torn last line: at open it is reported in
 * `problems` and ignored, and the next write to that file rewrites it whole from memory.
 * Damage never stops the store: each bad line is reported with its file and line, and the
 * rest is served.
 *
 * The hot path is a trainee's turn: getSession, then appendTurn. Records are kept frozen
 * (file/frozen.ts) and handed out without copying; each open session's file stays open
 * (file/handlePool.ts, at most `maxOpenFiles`), closed when the session ends.
 */
import { mkdir } from 'node:fs/promises';
import { DIR_MODE } from './file/fileModes.ts';
import { join, resolve } from 'node:path';
import { removeTempFiles, probeWritable, writeWhole } from './file/durableWrite.ts';
import { EndedSessions } from './file/endedSessions.ts';
import { deepFreeze } from './file/frozen.ts';
import { isCode, messageOf } from './file/fsErrors.ts';
import { HandlePool } from './file/handlePool.ts';
import { LineFile } from './file/lineFile.ts';
import { reportInto } from './file/readJsonLines.ts';
import { RecordLog } from './file/recordLog.ts';
import { checkSecretsFile, storedSecret } from './file/secretsFile.ts';
import { serialise } from './file/serialise.ts';
import { applyEnd, loadSessions, newSessionEntry, SAFE_ID, SessionEnd, sessionFilePath, sessionLines, type SessionEntry } from './file/sessionFiles.ts';
import { Assignment, PersonaVersion, ReviewEntry, RevokedToken, SessionRecord, StoredTurn, summarize, User, type SessionSummary } from '../domain/records.ts';
import type { AppendResult, SessionStore } from './sessionStore.ts';
import { nextTurnIndex, turnAt } from '../domain/turnIndex.ts';

export interface FileStoreOptions {
  /** Session files kept open for appending; the least recently used are closed past it. */
  maxOpenFiles?: number;
}

/** What the store holds in memory, for tests that check it stays bounded. */
export interface MemoryStats {
  /** Open sessions, held whole: record and turns. */
  sessionsWhole: number;
  /** Ended sessions, held by their summary alone. */
  sessionsSummarised: number;
  /** Of those, how many are also kept whole for a while (read back, or just ended). */
  endedKeptWhole: number;
}

const statsOf = new WeakMap<SessionStore, () => MemoryStats>();

/** What a file store holds in memory now; throws for any other store. */
export function memoryStats(store: SessionStore): MemoryStats {
  const stats = statsOf.get(store);
  if (!stats) throw new Error('not a file store');
  return stats();
}

export async function openFileSessionStore(dataDir: string, options: FileStoreOptions = {}): Promise<SessionStore> {
  const root = resolve(dataDir);
  const sessionsDir = join(root, 'sessions');
  try {
    await mkdir(sessionsDir, { recursive: true, mode: DIR_MODE });
    await removeTempFiles(root);
    await removeTempFiles(sessionsDir);
    await probeWritable(sessionsDir);
  } catch (err) {
    throw new Error(`data directory ${root} cannot be used: ${messageOf(err)}`, { cause: err });
  }

  const problems: string[] = [];
  const report = reportInto(problems);
  const handles = new HandlePool(options.maxOpenFiles ?? 1000);

  const usersById = new Map<string, User>();
  const usersByName = new Map<string, User>();
  const users = await RecordLog.open(join(root, 'users.jsonl'), User, handles, report, (user) => {
    const sameId = usersById.get(user.id);
    // The log only grows: an account's change is a later line with its id and name, and the latest counts.
    if (sameId && sameId.username !== user.username) return `user ${user.id} is stored as ${sameId.username} and as ${user.username}; the first is kept`;
    const sameName = usersByName.get(user.username);
    if (sameName && sameName.id !== user.id) return `user ${user.id} (${user.username}) is stored twice; the first is kept`;
    usersById.set(user.id, user);
    usersByName.set(user.username, user);
    return null;
  });

  /** Signed-out tokens not yet expired, by jti: what logout adds, what each request asks. */
  const revoked = new Map<string, number>();
  const revokedLog = await RecordLog.open(join(root, 'revoked-tokens.jsonl'), RevokedToken, handles, report, (token) => {
    // An expired token is refused anyway: no need to remember that it was signed out.
    if (token.expiresAt > Date.now()) revoked.set(token.jti, token.expiresAt);
    return null;
  });

  /** Open sessions, whole: every turn needs them. */
  const sessions = new Map<string, SessionEntry>();
  const ended = new EndedSessions(sessionsDir, handles);
  /** The ids of each trainee's sessions, open and ended. */
  const byTrainee = new Map<string, Set<string>>();
  await loadSessions(sessionsDir, handles, report, index);
  /** Ids being created right now, so two concurrent creates of one id cannot both write. */
  const creating = new Set<string>();

  // Reviews stay in memory, ended sessions' too: a few short lines, and only on the sessions
  // a coach has reviewed.
  const reviewIds = new Set<string>();
  const reviewsBySession = new Map<string, ReviewEntry[]>();
  const reviews = await RecordLog.open(join(root, 'reviews.jsonl'), ReviewEntry, handles, report, (review) => {
    if (reviewIds.has(review.id)) return `review ${review.id} is stored twice; the first is kept`;
    indexReview(review);
    return null;
  });

  const assignmentsById = new Map<string, Assignment>();
  const assignments = await RecordLog.open(join(root, 'assignments.jsonl'), Assignment, handles, report, (assignment) => {
    if (assignmentsById.has(assignment.id)) return `assignment ${assignment.id} is stored twice; the first is kept`;
    assignmentsById.set(assignment.id, assignment);
    return null;
  });

  /** The latest version saved of each persona and locale. */
  const latestVersion = new Map<string, number>();
  const personaVersions = await RecordLog.open(join(root, 'persona-versions.jsonl'), PersonaVersion, handles, report, (version) => {
    const latest = latestVersion.get(versionKey(version));
    if (latest !== undefined && version.version <= latest) {
      return `version ${version.version} of persona ${version.personaId} (${version.locale}) after version ${latest}; line ignored`;
    }
    latestVersion.set(versionKey(version), version.version);
    return null;
  });

  const secretsPath = join(root, 'secrets.json');
  await checkSecretsFile(secretsPath, report);
  const secrets = new Map<string, string>();
  let closed = false;

  function index(entry: SessionEntry): void {
    if (entry.record.endedAt === null) sessions.set(entry.created.id, entry);
    else ended.add(entry.record);
    let set = byTrainee.get(entry.created.traineeId);
    if (!set) byTrainee.set(entry.created.traineeId, (set = new Set()));
    set.add(entry.created.id);
  }
  function indexReview(review: ReviewEntry): void {
    reviewIds.add(review.id);
    let list = reviewsBySession.get(review.sessionId);
    if (!list) reviewsBySession.set(review.sessionId, (list = []));
    list.push(review);
  }
  function known(sessionId: string): boolean {
    return sessions.has(sessionId) || ended.has(sessionId);
  }
  function summaryOf(sessionId: string): SessionSummary {
    const entry = sessions.get(sessionId);
    return entry ? summarize(entry.record) : ended.summary(sessionId)!;
  }
  function live(): void {
    if (closed) throw new Error('the file store is closed');
  }

  const store: SessionStore = {
    problems,

    async createUser(input) {
      live();
      const user = User.parse(input);
      return users.change(async () => {
        if (usersById.has(user.id) || usersByName.has(user.username)) return false;
        const stored = await users.append(user);
        usersById.set(stored.id, stored);
        usersByName.set(stored.username, stored);
        return true;
      });
    },
    async getUser(id) {
      live();
      return usersById.get(id) ?? null;
    },
    async findUserByUsername(username) {
      live();
      return usersByName.get(username) ?? null;
    },
    async countUsers() {
      live();
      return usersById.size;
    },
    async listUsers() {
      live();
      return [...usersById.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async updateUser(id, change, options) {
      live();
      return users.change(async () => {
        const current = usersById.get(id);
        if (!current) return null;
        const next = User.parse({ ...current, ...change, ...(options?.revokeTokens ? { tokenVersion: (current.tokenVersion ?? 0) + 1 } : {}) });
        const stored = await users.append(next);
        usersById.set(stored.id, stored);
        usersByName.set(stored.username, stored);
        return stored;
      });
    },

    async revokeToken(jti, expiresAt) {
      live();
      const token = RevokedToken.parse({ jti, expiresAt });
      await revokedLog.change(async () => {
        if (revoked.has(token.jti)) return;
        await revokedLog.append(token);
        revoked.set(token.jti, token.expiresAt);
      });
    },
    async isTokenRevoked(jti) {
      live();
      const until = revoked.get(jti);
      if (until === undefined) return false;
      if (until > Date.now()) return true;
      revoked.delete(jti);
      return false;
    },

    async createSession(input, openingInput) {
      live();
      const session = SessionRecord.parse(input);
      const opening = StoredTurn.parse(openingInput);
      if (!SAFE_ID.test(session.id)) throw new Error(`session id ${JSON.stringify(session.id)} is not usable as a file name`);
      if (opening.index !== 0) throw new Error(`a session's opening turn has index 0, not ${opening.index}`);
      if (known(session.id) || creating.has(session.id)) throw new Error(`session ${session.id} already exists`);
      creating.add(session.id);
      try {
        const entry = newSessionEntry(session, opening, new LineFile(sessionFilePath(sessionsDir, session.id), handles));
        // Linked into place, never renamed: a file already there (one skipped at open as
        // damaged) is refused rather than overwritten.
        await writeWhole(entry.file.path, sessionLines(entry).join(''), { replace: false }).catch((err: unknown) => {
          if (!isCode(err, 'EEXIST')) throw err;
          throw new Error(`session ${session.id} already exists on disk, unreadable (see the store's problems)`, { cause: err });
        });
        index(entry);
      } finally {
        creating.delete(session.id);
      }
    },
    async getSession(id) {
      live();
      const entry = sessions.get(id);
      // The records are frozen: only the array is the caller's own.
      if (entry) return { session: entry.record, turns: entry.turns.slice() };
      return ended.read(id);
    },
    async listSessions(filter) {
      live();
      const ids = filter?.traineeId !== undefined ? [...(byTrainee.get(filter.traineeId) ?? [])] : [...sessions.keys(), ...ended.ids()];
      return ids.map(summaryOf).sort(newestFirst);
    },
    async countOpenSessions(traineeId) {
      live();
      let open = 0;
      for (const id of byTrainee.get(traineeId) ?? []) if (sessions.has(id)) open++;
      return open;
    },
    async appendTurn(sessionId, input) {
      live();
      const turn = StoredTurn.parse(input);
      const entry = sessions.get(sessionId);
      if (!entry) return ended.has(sessionId) ? ended.appendTurn(sessionId, turn) : { ok: false, code: 'not_found' };
      return serialise(entry, async (): Promise<AppendResult> => {
        // Ended while this waited: its turns are no longer held here, only in its file.
        if (sessions.get(sessionId) !== entry) return ended.appendTurn(sessionId, turn);
        const next = nextTurnIndex(entry.turns);
        const existing = turnAt(entry.turns, turn.index);
        if (existing) return { ok: false, code: 'exists', existing };
        if (turn.index !== next) return { ok: false, code: 'out_of_order', next };
        await entry.file.append(JSON.stringify({ turn }), () => sessionLines({ ...entry, turns: [...entry.turns, turn] }));
        entry.turns.push(deepFreeze(turn));
        return { ok: true };
      });
    },
    async endSession(sessionId, input) {
      live();
      const end = SessionEnd.parse(input);
      // An ended session is held in `ended`, not here: ending it again changes nothing.
      const entry = sessions.get(sessionId);
      if (!entry) return false;
      return serialise(entry, async () => {
        if (entry.record.endedAt !== null) return false;
        await entry.file.append(JSON.stringify({ end }), () => sessionLines({ ...entry, end }));
        applyEnd(entry, end);
        // The file now holds the whole session: memory keeps its summary, and the rest only
        // as long as the recently read are kept.
        sessions.delete(sessionId);
        ended.addJustEnded(entry);
        // No more turns will come: the handle is better spent on a session still running.
        await entry.file.release();
        return true;
      });
    },

    async addReview(input) {
      live();
      const review = ReviewEntry.parse(input);
      if (!known(review.sessionId)) return false;
      return reviews.change(async () => {
        // The same entry sent again (a retry after a timeout) is stored once.
        if (!reviewIds.has(review.id)) indexReview(await reviews.append(review));
        return true;
      });
    },
    async listReviews(sessionId) {
      live();
      return (reviewsBySession.get(sessionId) ?? []).slice();
    },

    async createAssignment(input) {
      live();
      const assignment = Assignment.parse(input);
      await assignments.change(async () => {
        if (assignmentsById.has(assignment.id)) throw new Error(`assignment ${assignment.id} already exists`);
        assignmentsById.set(assignment.id, await assignments.append(assignment));
      });
    },
    async getAssignment(id) {
      live();
      return assignmentsById.get(id) ?? null;
    },
    async listAssignments(filter) {
      live();
      const all = [...assignmentsById.values()];
      const traineeId = filter?.traineeId;
      return (traineeId === undefined ? all : all.filter((a) => a.traineeIds.includes(traineeId))).sort(newestCreatedFirst);
    },

    async savePersonaVersion(input) {
      live();
      const version = PersonaVersion.parse(input);
      return personaVersions.change(async () => {
        const latest = latestVersion.get(versionKey(version));
        if (latest !== undefined && version.version <= latest) return { ok: false, code: 'conflict', latest } as const;
        await personaVersions.append(version);
        latestVersion.set(versionKey(version), version.version);
        return { ok: true } as const;
      });
    },
    async listPersonaVersions(filter) {
      live();
      const personaId = filter?.personaId;
      return personaId === undefined ? personaVersions.records.slice() : personaVersions.records.filter((v) => v.personaId === personaId);
    },

    async secret(name, create) {
      live();
      const known = secrets.get(name);
      if (known !== undefined) return known;
      const value = await storedSecret(secretsPath, name, create);
      secrets.set(name, value);
      return value;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([users, revokedLog, reviews, assignments, personaVersions, ended, ...sessions.values()].map((s) => s.queue));
      await handles.closeAll();
    },
  };
  statsOf.set(store, () => ({ sessionsWhole: sessions.size, sessionsSummarised: ended.size, endedKeptWhole: ended.keptWhole }));
  return store;
}

function versionKey(v: { personaId: string; locale: string }): string {
  return `${v.personaId}\n${v.locale}`;
}

/** Newest first; the same order for equal start times as Redis's ZRANGE REV (id descending). */
function newestFirst(a: SessionSummary, b: SessionSummary): number {
  return time(b.startedAt) - time(a.startedAt) || byIdDescending(a.id, b.id);
}

function newestCreatedFirst(a: Assignment, b: Assignment): number {
  return time(b.createdAt) - time(a.createdAt) || byIdDescending(a.id, b.id);
}

function byIdDescending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** A time that does not parse sorts as the oldest. */
function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}
