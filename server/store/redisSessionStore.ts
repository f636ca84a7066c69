/**
 * The shared store (SessionStore, sessionStore.ts) on Redis, for several server processes
 * serving one set of users and sessions; openStore.ts picks it when REDIS_URL is set.
 *
 * Keys, all under a prefix (default `sparring:`):
 *   user:<id>                 hash of the User's fields
 *   users:by-name             hash username -> user id (HSETNX: one owner per name)
 *   session:<id>              hash of the SessionRecord's fields, each JSON-encoded
 *   session:<id>:turns        stream, one entry per turn; entry id `0-<index + 1>`, so the
 *                             stream's length is the next index and a turn is found by id
 *   sessions:by-start         sorted set of session ids, scored by start time
 *   trainee:<id>:sessions     the same, one trainee's
 *   trainee:<id>:open         set of that trainee's sessions not yet ended
 *   secret:<name>             string, set once (SET NX)
 *
 * Every change that touches more than one key runs as one Lua script, so two processes
 * cannot interleave: of two appends of one index exactly one is stored, a session is created
 * whole or not at all, and it ends once. Redis persistence (AOF, `appendfsync`) decides what
 * survives a Redis crash; that is the operator's setting, not this module's.
 *
 * Failures: an unreachable Redis at open rejects with a message naming the URL (its password
 * hidden). Later, while the connection is down, calls reject at once instead of queueing
 * (the server answers "try again") and the client reconnects with a capped backoff.
 * Records read back are checked with the zod schemas; one that fails is left out and
 * reported in `problems`, which for Redis grows as such records are met.
 */
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { z } from 'zod';
import { fieldPath } from '../files/fileError.ts';
import { ScoreReport } from '../scoring/types.ts';
import { Outcome, SessionRecord, StoredTurn, summarize, User, type SessionSummary } from './records.ts';
import type { AppendResult, SessionStore } from './sessionStore.ts';

const SessionEnd = z.object({ endedAt: z.string(), outcome: Outcome, report: ScoreReport });

type Client = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  /** Overrides the URL's `/<db>`. */
  database?: number;
  keyPrefix?: string;
}

/** Attempts at open before giving up: a wrong URL should stop the server in a second, not hang it. */
const OPEN_ATTEMPTS = 3;
/** Longest wait between reconnection attempts once open: the server recovers soon after Redis does. */
const MAX_RECONNECT_DELAY_MS = 3000;
/** Beyond this many, further problems are dropped: the list is for a log, not an archive. */
const MAX_PROBLEMS = 1000;

export async function openRedisSessionStore(url: string, options: RedisStoreOptions = {}): Promise<SessionStore> {
  const where = redactRedisUrl(url);
  const keys = keysUnder(options.keyPrefix ?? 'sparring:');
  let opened = false;
  let client: Client;
  try {
    client = createClient({
      url,
      ...(options.database !== undefined ? { database: options.database } : {}),
      name: 'sparring-store',
      // A call made while the connection is down fails now, rather than waiting for a
      // reconnection that may take long while a trainee watches a spinner.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        reconnectStrategy: (retries, cause) => {
          if (!opened) return retries + 1 >= OPEN_ATTEMPTS ? cause : 200;
          return Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
        },
      },
    });
  } catch (err) {
    throw new Error(`Redis URL ${where} is not usable: ${messageOf(err)}`, { cause: err });
  }
  // Without a listener an 'error' event would crash the process; the failures that matter
  // reach the callers as rejected calls.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.destroy();
    throw new Error(`cannot connect to Redis at ${where}: ${messageOf(err)}`, { cause: err });
  }
  opened = true;

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
    return checked(User, hash, key, report);
  }

  function readSession(key: string, hash: Record<string, string>): SessionRecord | null {
    if (Object.keys(hash).length === 0) return null;
    const decoded: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(hash)) {
      try {
        decoded[field] = JSON.parse(value);
      } catch {
        report(key, `${field}: not valid JSON; session left out`);
        return null;
      }
    }
    return checked(SessionRecord, decoded, key, report);
  }

  function readTurn(key: string, entry: { id: string; message: Record<string, string> }): StoredTurn | null {
    try {
      return checked(StoredTurn, JSON.parse(entry.message.turn ?? ''), `${key} ${entry.id}`, report);
    } catch {
      report(`${key} ${entry.id}`, 'not valid JSON; turn left out');
      return null;
    }
  }

  const store: SessionStore = {
    problems,

    async createUser(input) {
      const user = User.parse(input);
      const stored = await redis('createUser', () =>
        runScript(client, CREATE_USER, [keys.usersByName, keys.user(user.id)], [user.username, user.id, ...Object.entries(user).flat()]),
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
          [id, String(startTime(session.startedAt)), session.endedAt === null ? '1' : '0', JSON.stringify(opening), ...encodeSession(session)],
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
        runScript(client, END_SESSION, [keys.session(sessionId), keys.traineeOpen(traineeId)], [sessionId, ...encodeSession(end)]),
      );
      return ended === 1;
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

/** The URL as it may be printed: the password replaced by `***`. */
function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

function keysUnder(prefix: string) {
  return {
    usersByName: `${prefix}users:by-name`,
    user: (id: string) => `${prefix}user:${id}`,
    session: (id: string) => `${prefix}session:${id}`,
    turns: (id: string) => `${prefix}session:${id}:turns`,
    sessionsByStart: `${prefix}sessions:by-start`,
    traineeSessions: (id: string) => `${prefix}trainee:${id}:sessions`,
    traineeOpen: (id: string) => `${prefix}trainee:${id}:open`,
    secret: (name: string) => `${prefix}secret:${name}`,
  };
}

// ---- the scripts: each change that touches several keys, done atomically ------------------

interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** EVALSHA, and EVAL once when Redis has not seen the script yet (a restart flushes them). */
async function runScript(client: Client, s: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalSha(s.sha, { keys, arguments: args });
  } catch (err) {
    if (!messageOf(err).startsWith('NOSCRIPT')) throw err;
    return client.eval(s.source, { keys, arguments: args });
  }
}

/** KEYS: by-name index, user hash. ARGV: username, id, then the user's field/value pairs. */
const CREATE_USER = script(`
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
return 1
`);

/**
 * KEYS: session hash, turns stream, sessions by start, trainee's sessions, trainee's open set.
 * ARGV: id, start time (ms), '1' when open, the opening turn's JSON, then field/value pairs.
 */
const CREATE_SESSION = script(`
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('XADD', KEYS[2], '0-1', 'turn', ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
if ARGV[3] == '1' then redis.call('SADD', KEYS[5], ARGV[1]) end
return 1
`);

/**
 * KEYS: session hash, turns stream. ARGV: index, turn JSON.
 * The stream's length is the next index: an index below it is a repeat (answered with the
 * stored turn), one above it a gap.
 */
const APPEND_TURN = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
local index = tonumber(ARGV[1])
local count = redis.call('XLEN', KEYS[2])
if index < count then
  local id = '0-' .. (index + 1)
  local found = redis.call('XRANGE', KEYS[2], id, id)
  if #found == 0 then return {'missing', count} end
  return {'exists', found[1][2][2]}
end
if index > count then return {'out_of_order', count} end
redis.call('XADD', KEYS[2], '0-' .. (index + 1), 'turn', ARGV[2])
return {'ok'}
`);

/** KEYS: session hash, trainee's open set. ARGV: id, then the end's field/value pairs (JSON). */
const END_SESSION = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'endedAt') ~= 'null' then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('SREM', KEYS[2], ARGV[1])
return 1
`);

function appendResult(reply: unknown, key: string, report: (key: string, message: string) => void): AppendResult {
  const [code, value] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (code === 'ok') return { ok: true };
  if (code === 'not_found') return { ok: false, code: 'not_found' };
  if (code === 'out_of_order') return { ok: false, code: 'out_of_order', next: Number(value) };
  if (code === 'exists') {
    const existing = StoredTurn.safeParse(parseOr<unknown>(String(value), null));
    if (existing.success) return { ok: false, code: 'exists', existing: existing.data };
    report(key, 'a stored turn does not match the turn schema');
  }
  // A stored turn that cannot be read, or a stream not numbered as this module numbers it:
  // not something a caller can fix by retrying, so not an AppendResult.
  throw new Error(`${key}: the stored turns cannot be read (${JSON.stringify(reply)})`);
}

// ---- small pieces ----------------------------------------------------------------------

/** A session's fields as hash field/value pairs, each value JSON (so null and numbers survive). */
function encodeSession(fields: Partial<SessionRecord>): string[] {
  return Object.entries(fields).flatMap(([field, value]) => [field, JSON.stringify(value)]);
}

/** The value if it fits the schema; otherwise null, reported with the key and field. */
function checked<T>(schema: z.ZodType<T>, value: unknown, key: string, report: (key: string, message: string) => void): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldPath(issue.path);
  report(key, `${field ? `${field}: ` : ''}${issue.message}; left out`);
  return null;
}

function parseOr<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/** The sorted sets' score; a start time that does not parse sorts as the oldest. */
function startTime(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
