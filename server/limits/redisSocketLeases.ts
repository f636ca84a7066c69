/**
 * Socket leases shared by every process through Redis: one sorted set per user
 * (`<prefix>limits:sockets:<userId>`), a member per connection scored by when its lease
 * ends. Each step is one script, so two handshakes on two processes cannot both take the
 * last place; times are Redis's own clock (TIME), so processes on machines whose clocks
 * differ still agree on when a lease has ended. The set itself expires a lease after its
 * last renewal, so a user who left leaves nothing behind.
 */
import type { RedisConnection } from '../redis/connectRedis.ts';
import { LEASE_MS, type SocketLeases } from './socketLeases.ts';

// KEYS[1] the user's set; ARGV[1] the socket id, ARGV[2] the lease in ms, ARGV[3] the most allowed (0: no limit).
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local max = tonumber(ARGV[3])
if max > 0 and redis.call('ZCARD', KEYS[1]) >= max and not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

// KEYS[1] the user's set; ARGV[1] the lease in ms, ARGV[2…] the ids of the user's open connections on this process.
const RENEW = `
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], until_, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1
`;

/** `leaseMs`: LEASE_MS but in tests, which watch a lease run out. */
export function redisSocketLeases(redis: RedisConnection, keyPrefix: string, leaseMs: number = LEASE_MS): SocketLeases {
  const key = (userId: string): string => `${keyPrefix}limits:sockets:${userId}`;
  const take = async (userId: string, socketId: string, max: number): Promise<boolean> =>
    (await redis.eval(TAKE, { keys: [key(userId)], arguments: [socketId, String(leaseMs), String(max)] })) === 1;

  return {
    take,
    async hold(userId, socketId) {
      await take(userId, socketId, 0);
    },
    async release(userId, socketId) {
      await redis.zRem(key(userId), socketId);
    },
    async renew(open) {
      const byUser = new Map<string, string[]>();
      for (const { userId, socketId } of open) byUser.set(userId, [...(byUser.get(userId) ?? []), socketId]);
      await Promise.all([...byUser].map(([userId, ids]) => redis.eval(RENEW, { keys: [key(userId)], arguments: [String(leaseMs), ...ids] })));
    },
  };
}
