/**
 * The Lua scripts of the Redis store (redisSessionStore.ts): each change that touches
 * several keys, or that checks before it writes, runs as one script, so two server
 * processes cannot interleave. Each script's comment names its KEYS and ARGV.
 */
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

export interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** EVALSHA, and EVAL once when Redis has not seen the script yet (a restart flushes them). */
export async function runScript(client: Client, s: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalSha(s.sha, { keys, arguments: args });
  } catch (err) {
    if (!(err instanceof Error ? err.message : String(err)).startsWith('NOSCRIPT')) throw err;
    return client.eval(s.source, { keys, arguments: args });
  }
}

/** KEYS: by-name index, user hash. ARGV: username, id, then the user's field/value pairs. */
export const CREATE_USER = script(`
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
return 1
`);

/**
 * KEYS: user hash. ARGV: '1' to raise the token version, then field/value pairs (maybe none).
 * Answers the user's hash as now stored, or nil for an unknown user.
 */
export const UPDATE_USER = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
if ARGV[1] == '1' then redis.call('HINCRBY', KEYS[1], 'tokenVersion', 1) end
return redis.call('HGETALL', KEYS[1])
`);

/**
 * KEYS: session hash, turns stream, sessions by start, trainee's sessions, trainee's open set.
 * ARGV: id, start time (ms), '1' when open, the opening turn's JSON, then field/value pairs.
 */
export const CREATE_SESSION = script(`
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
export const APPEND_TURN = script(`
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
export const END_SESSION = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'endedAt') ~= 'null' then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('SREM', KEYS[2], ARGV[1])
return 1
`);

/**
 * KEYS: session hash, review ids, the session's reviews. ARGV: review id, its JSON.
 * 0 for an unknown session; a review id already stored (a repeated send) is not added again.
 */
export const ADD_REVIEW = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then redis.call('RPUSH', KEYS[3], ARGV[2]) end
return 1
`);

/**
 * KEYS: assignment, assignments by creation, then each named trainee's assignments.
 * ARGV: id, creation time (ms), its JSON. 0 when the id is taken.
 */
export const CREATE_ASSIGNMENT = script(`
if not redis.call('SET', KEYS[1], ARGV[3], 'NX') then return 0 end
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1]) end
return 1
`);

/**
 * KEYS: the persona and locale's latest number, its versions, the order of all saves.
 * ARGV: version, its JSON, its [personaId, locale, version] JSON.
 * Once a version is saved, only a higher number is: two saves of one number, one wins.
 */
export const SAVE_PERSONA_VERSION = script(`
local latest = redis.call('GET', KEYS[1])
if latest and tonumber(ARGV[1]) <= tonumber(latest) then return {'conflict', tonumber(latest)} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[3])
return {'ok'}
`);
