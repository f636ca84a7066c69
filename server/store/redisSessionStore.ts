/**
 * The store (SessionStore, sessionStore.ts) on Redis, as earlier versions kept records for
 * several server processes. The server no longer opens it (records are in SQL); `sparring
 * migrate --from-redis` reads from it.
 *
 * The keys are listed in redis/redisKeys.ts. Every change that touches more than one key,
 * or checks before it writes, runs as one Lua script (redis/redisScripts.ts), so two
 * processes cannot interleave: of two appends of one index exactly one is stored, a session
 * is created whole or not at all and ends once, of two saves of one persona version one
 * wins. Redis persistence (AOF, `appendfsync`) decides what survives a Redis crash; that is
 * the operator's setting, not this module's.
 *
 * Failures: an unreachable Redis at open rejects with a message naming the URL (its password
 * hidden); while the connection is down, calls reject at once (redis/redisConnection.ts).
 * Records read back are checked with the zod schemas; one that fails is left out and
 * reported in `problems`, which for Redis grows as such records are met.
 */
import { z } from 'zod';
import { ScoreReport } from '../scoring/types.ts';
import { Assignment, Outcome, PersonaVersion, ReviewEntry, SessionRecord, StoredTurn, summarize, User, UserChange, type SessionSummary } from '../domain/records.ts';
import { connectRedis, messageOf } from '../redis/connectRedis.ts';
import { redactRedisUrl } from '../redis/redisUrl.ts';
import { keysUnder } from './redis/redisKeys.ts';
import { appendResult, checked, decodeFields, decodeJson, encodeFields, pairsToHash, parseOr, timeScore, userFields, userFromHash } from './redis/redisRecords.ts';
import {
  ADD_REVIEW,
  APPEND_TURN,
  CREATE_ASSIGNMENT,
  CREATE_SESSION,
  CREATE_USER,
  END_SESSION,
  runScript,
  SAVE_PERSONA_VERSION,
  UPDATE_USER,
} from './redis/redisScripts.ts';
import type { SessionStore } from './sessionStore.ts';

const SessionEnd = z.object({ endedAt: z.string(), outcome: Outcome, report: ScoreReport });
/** An entry of the order of persona saves: which hash field holds the version. */
const VersionRef = z.tuple([z.string(), z.string(), z.number().int()]);

export interface RedisStoreOptions {
  /** Overrides the URL's `/<db>`. */
  database?: number;
  keyPrefix?: string;
}

/** Beyond this many, further problems are dropped: the list is for a log, not an archive. */
const MAX_PROBLEMS = 1000;

export async function openRedisSessionStore(url: string, options: RedisStoreOptions = {}): Promise<SessionStore> {
  const where = redactRedisUrl(url);
  const keys = keysUnder(options.keyPrefix ?? 'sparring:');
  const client = await connectRedis(url, { ...(options.database !== undefined ? { database: options.database } : {}), name: 'sparring-store', failWhileDown: true });

  const problems: string[] = [];
  const report = (key: string, message: string) => {
    const line = `redis ${key}: ${message}`;
    if (problems.length < MAX_PROBLEMS && !problems.includes(line)) problems.push(line);
  };
  let closed = false;

  /** Runs Redis commands; any failure becomes one error naming the server, for the log. */
  async function redis<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (closed) throw new Error('the Redis store is closed');
    try {
      return await run();
    } catch (err) {
      throw new Error(`Redis at ${where}: ${what} failed: ${messageOf(err)}`, { cause: err });
    }
  }

  function readUser(key: string, hash: Record<string, string>): User | null {
    if (Object.keys(hash).length === 0) return null;
    return checked(User, userFromHash(hash), key, report);
  }

  function readSession(key: string, hash: Record<string, string>): SessionRecord | null {
    if (Object.keys(hash).length === 0) return null;
    const decoded = decodeFields(hash, key, report);
    return decoded && checked(SessionRecord, decoded, key, report);
  }

  function readTurn(key: string, entry: { id: string; message: Record<string, string> }): StoredTurn | null {
    return decodeJson(StoredTurn, entry.message.turn ?? '', `${key} ${entry.id}`, report);
  }

  /** Each of a list of JSON records that reads back whole, in order. */
  function readAll<T>(schema: z.ZodType<T>, texts: readonly (string | null | undefined)[], keyOf: (i: number) => string): T[] {
    const records: T[] = [];
    texts.forEach((text, i) => {
      const record = decodeJson(schema, text, keyOf(i), report);
      if (record !== null) records.push(record);
    });
    return records;
  }

  const store: SessionStore = {
    problems,

    async createUser(input) {
      const user = User.parse(input);
      const stored = await redis('createUser', () =>
        runScript(client, CREATE_USER, [keys.usersByName, keys.user(user.id)], [user.username, user.id, ...userFields(user)]),
      );
      return stored === 1;
    },
    async getUser(id) {
      const key = keys.user(id);
      return readUser(key, await redis('getUser', () => client.hGetAll(key)));
    },
    async findUserByUsername(username) {
      const id = await redis('findUserByUsername', () => client.hGet(keys.usersByName, username));
      if (id === null || id === undefined) return null;
      const user = await store.getUser(id);
      if (user && user.username !== username) {
        report(keys.usersByName, `${username} points at user ${id}, whose name is ${user.username}`);
        return null;
      }
      return user;
    },
    async countUsers() {
      return redis('countUsers', () => client.hLen(keys.usersByName));
    },
    async listUsers() {
      const ids = Object.values(await redis('listUsers', () => client.hGetAll(keys.usersByName)));
      const users = await Promise.all(ids.map((id) => store.getUser(id)));
      return users.filter((u): u is User => u !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async updateUser(id, change, options) {
      // Checked before it is written, as createUser checks the whole user.
      const fields = UserChange.parse(change);
      const key = keys.user(id);
      const reply = await redis('updateUser', () => runScript(client, UPDATE_USER, [key], [options?.revokeTokens ? '1' : '0', ...userFields(fields)]));
      return reply === null ? null : readUser(key, pairsToHash(reply));
    },

    async revokeToken(jti, expiresAt) {
      await redis('revokeToken', () => client.set(keys.revokedToken(jti), '1', { expiration: { type: 'PXAT', value: Math.max(expiresAt, Date.now() + 1000) } }));
    },
    async isTokenRevoked(jti) {
      return (await redis('isTokenRevoked', () => client.exists(keys.revokedToken(jti)))) === 1;
    },

    async createSession(input, openingInput) {
      const session = SessionRecord.parse(input);
      const opening = StoredTurn.parse(openingInput);
      if (opening.index !== 0) throw new Error(`a session's opening turn has index 0, not ${opening.index}`);
      const id = session.id;
      const created = await redis('createSession', () =>
        runScript(
          client,
          CREATE_SESSION,
          [keys.session(id), keys.turns(id), keys.sessionsByStart, keys.traineeSessions(session.traineeId), keys.traineeOpen(session.traineeId)],
          [id, String(timeScore(session.startedAt)), session.endedAt === null ? '1' : '0', JSON.stringify(opening), ...encodeFields(session)],
        ),
      );
      if (created !== 1) throw new Error(`session ${id} already exists`);
    },
    async getSession(id) {
      const [hash, entries] = await redis('getSession', () =>
        client.multi().hGetAll(keys.session(id)).xRange(keys.turns(id), '-', '+').exec(),
      );
      const session = readSession(keys.session(id), hash as unknown as Record<string, string>);
      if (!session) return null;
      const turns: StoredTurn[] = [];
      for (const entry of (entries ?? []) as unknown as { id: string; message: Record<string, string> }[]) {
        const turn = readTurn(keys.turns(id), entry);
        if (turn) turns.push(turn);
      }
      return { session, turns };
    },
    async listSessions(filter) {
      const index = filter?.traineeId !== undefined ? keys.traineeSessions(filter.traineeId) : keys.sessionsByStart;
      const ids = await redis('listSessions', () => client.zRange(index, 0, -1, { REV: true }));
      if (ids.length === 0) return [];
      const hashes = await redis('listSessions', () => {
        const batch = client.multi();
        for (const id of ids) batch.hGetAll(keys.session(id));
        return batch.exec();
      });
      const summaries: SessionSummary[] = [];
      ids.forEach((id, i) => {
        const session = readSession(keys.session(id), hashes[i] as unknown as Record<string, string>);
        if (session) summaries.push(summarize(session));
      });
      return summaries;
    },
    async countOpenSessions(traineeId) {
      return redis('countOpenSessions', () => client.sCard(keys.traineeOpen(traineeId)));
    },
    async appendTurn(sessionId, input) {
      const turn = StoredTurn.parse(input);
      const reply = await redis('appendTurn', () =>
        runScript(client, APPEND_TURN, [keys.session(sessionId), keys.turns(sessionId)], [String(turn.index), JSON.stringify(turn)]),
      );
      return appendResult(reply, keys.turns(sessionId), report);
    },
    async endSession(sessionId, input) {
      // The trainee names the open-set key, and a Lua script must be given its keys; the
      // trainee of a session never changes, so reading it first is not a race.
      const traineeJson = await redis('endSession', () => client.hGet(keys.session(sessionId), 'traineeId'));
      if (traineeJson === null || traineeJson === undefined) return false;
      const traineeId = parseOr<string | null>(traineeJson, null);
      if (typeof traineeId !== 'string') {
        report(keys.session(sessionId), 'traineeId: not a JSON string; cannot end');
        return false;
      }
      const end = SessionEnd.parse(input);
      const ended = await redis('endSession', () =>
        runScript(client, END_SESSION, [keys.session(sessionId), keys.traineeOpen(traineeId)], [sessionId, ...encodeFields(end)]),
      );
      return ended === 1;
    },

    async addReview(input) {
      const review = ReviewEntry.parse(input);
      const added = await redis('addReview', () =>
        runScript(client, ADD_REVIEW, [keys.session(review.sessionId), keys.reviewIds, keys.reviews(review.sessionId)], [review.id, JSON.stringify(review)]),
      );
      return added === 1;
    },
    async listReviews(sessionId) {
      const key = keys.reviews(sessionId);
      const texts = await redis('listReviews', () => client.lRange(key, 0, -1));
      return readAll(ReviewEntry, texts, (i) => `${key}[${i}]`);
    },

    async createAssignment(input) {
      const assignment = Assignment.parse(input);
      const indexes = [keys.assignmentsByCreation, ...new Set(assignment.traineeIds.map((t) => keys.traineeAssignments(t)))];
      const created = await redis('createAssignment', () =>
        runScript(client, CREATE_ASSIGNMENT, [keys.assignment(assignment.id), ...indexes], [assignment.id, String(timeScore(assignment.createdAt)), JSON.stringify(assignment)]),
      );
      if (created !== 1) throw new Error(`assignment ${assignment.id} already exists`);
    },
    async getAssignment(id) {
      const key = keys.assignment(id);
      return decodeJson(Assignment, await redis('getAssignment', () => client.get(key)), key, report);
    },
    async listAssignments(filter) {
      const index = filter?.traineeId !== undefined ? keys.traineeAssignments(filter.traineeId) : keys.assignmentsByCreation;
      const ids = await redis('listAssignments', () => client.zRange(index, 0, -1, { REV: true }));
      if (ids.length === 0) return [];
      const texts = await redis('listAssignments', () => client.mGet(ids.map((id) => keys.assignment(id))));
      return readAll(Assignment, texts, (i) => keys.assignment(ids[i]!));
    },

    async savePersonaVersion(input) {
      const v = PersonaVersion.parse(input);
      const reply = await redis('savePersonaVersion', () =>
        runScript(
          client,
          SAVE_PERSONA_VERSION,
          [keys.personaLatest(v.personaId, v.locale), keys.personaVersions(v.personaId, v.locale), keys.personaVersionOrder],
          [String(v.version), JSON.stringify(v), JSON.stringify([v.personaId, v.locale, v.version])],
        ),
      );
      const [code, latest] = Array.isArray(reply) ? (reply as unknown[]) : [];
      if (code === 'ok') return { ok: true };
      if (code === 'conflict') return { ok: false, code: 'conflict', latest: Number(latest) };
      throw new Error(`${keys.personaLatest(v.personaId, v.locale)}: unexpected answer ${JSON.stringify(reply)}`);
    },
    async listPersonaVersions(filter) {
      const order = keys.personaVersionOrder;
      const refs = readAll(VersionRef, await redis('listPersonaVersions', () => client.lRange(order, 0, -1)), (i) => `${order}[${i}]`);
      const wanted = filter?.personaId === undefined ? refs : refs.filter(([personaId]) => personaId === filter.personaId);
      if (wanted.length === 0) return [];
      const texts = await redis('listPersonaVersions', () => {
        const batch = client.multi();
        for (const [personaId, locale, version] of wanted) batch.hGet(keys.personaVersions(personaId, locale), String(version));
        return batch.exec();
      });
      return readAll(PersonaVersion, texts as unknown as (string | null)[], (i) => {
        const [personaId, locale, version] = wanted[i]!;
        return `${keys.personaVersions(personaId, locale)} ${version}`;
      });
    },

    async secret(name, create) {
      const key = keys.secret(name);
      const known = await redis('secret', () => client.get(key));
      if (known !== null) return known;
      // Whoever sets it first wins; everyone then reads the winner's value.
      const candidate = create();
      const value = await redis('secret', async () => {
        await client.set(key, candidate, { condition: 'NX' });
        return client.get(key);
      });
      if (value === null) throw new Error(`Redis at ${where}: secret ${name} vanished as it was created`);
      return value;
    },

    async close() {
      if (closed) return;
      closed = true;
      // Lets replies in flight arrive; a connection already gone is simply dropped.
      await client.close().catch(() => client.destroy());
    },
  };
  return store;
}
