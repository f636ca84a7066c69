/**
 * The limits in a real Redis, as every server process sees them with REDIS_URL: two limiters
 * on two connections (two processes) share one count; the login limiter keeps its promises
 * there (a stranger's failures do not lock the user out from another address, parallel
 * guesses pass one at a time); connection leases are shared, atomic at the last place, and
 * a lease nobody renews (a crashed process) ends by itself. While Redis is down, a limit goes
 * on counting in the process's memory instead of failing every login and event.
 *
 * Needs Redis on 127.0.0.1:6379 (or SPARRING_TEST_REDIS_URL); uses database 13 and a key
 * prefix of its own, deleted afterwards. Skipped with a printed reason without Redis,
 * unless SPARRING_REQUIRE_SERVICES=1.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';
import { createLoginLimiter, type LoginAttempt } from '../../server/auth/loginLimiter.ts';
import { rateLimit, type LimitStore } from '../../server/limits/limitStore.ts';
import { redisSocketLeases } from '../../server/limits/redisSocketLeases.ts';
import { connectRedis, type RedisConnection } from '../../server/redis/connectRedis.ts';
import { redisServerAvailable, REDIS_SERVER, startOwnRedis } from '../support/redisServer.ts';
import { redisAvailable, requireOrSkip } from '../support/services.ts';
import { waitUntil } from '../support/waitUntil.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const PREFIX = `sparring-test-${randomUUID().slice(0, 8)}:`;
const runs = requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`);
const ownRedisRuns = requireOrSkip(redisServerAvailable(), `redis-server (${REDIS_SERVER})`);

describe.runIf(runs)('limits in Redis', () => {
  // Two connections, as two server processes would have.
  let one: RedisConnection;
  let two: RedisConnection;
  const store = (redis: RedisConnection): LimitStore => ({ kind: 'redis', redis, keyPrefix: PREFIX });

  beforeAll(async () => {
    [one, two] = await Promise.all([connectRedis(REDIS_URL, { failWhileDown: true }), connectRedis(REDIS_URL, { failWhileDown: true })]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await deleteKeysUnder(PREFIX, REDIS_URL);
  });

  it('counts once for every process, under the deployment’s prefix', async () => {
    const options = { name: 'shared', points: 3, durationSeconds: 10 };
    const [a, b] = [rateLimit(store(one), options), rateLimit(store(two), options)];
    expect(await a.take('ann')).toEqual({ ok: true, count: 1 });
    expect(await b.take('ann')).toEqual({ ok: true, count: 2 });
    expect(await a.take('ann')).toEqual({ ok: true, count: 3 });
    expect(await b.take('ann')).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(await a.take('bo')).toEqual({ ok: true, count: 1 });
    expect(await one.exists(`${PREFIX}limits:shared:ann`)).toBe(1);
    await b.giveBack('ann', 2);
    expect(await a.peek('ann')).toEqual({ count: 2, retryAfterSeconds: expect.any(Number) });
  });

  it('keeps the login limiter’s promises across processes', async () => {
    const logs: string[] = [];
    const options = { freeFailures: 5, addressFailuresPerHour: 100, firstDelaySeconds: 60, log: (line: string) => logs.push(line) };
    const [a, b] = [createLoginLimiter(store(one), options), createLoginLimiter(store(two), options)];
    const fail = async (attempt: LoginAttempt) => (attempt.ok ? (await attempt.failed('wrong password'), 'checked') : 'refused');
    // Twenty guesses from one address, spread over both processes, in parallel: five free, one more, the rest wait.
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).begin('admin', '203.0.113.66').then(fail)));
    expect(guesses.filter((g) => g === 'checked')).toHaveLength(6);
    expect((await a.begin('admin', '203.0.113.66')).ok).toBe(false);
    // The admin, from their own address, is not held up; their success clears only their own pair.
    const own = await b.begin('admin', '198.51.100.7');
    expect(own.ok).toBe(true);
    if (own.ok) await own.succeeded();
    expect((await b.begin('admin', '203.0.113.66')).ok).toBe(false);
  });

  it('shares connection leases and gives exactly one handshake the last place', async () => {
    const [a, b] = [redisSocketLeases(one, PREFIX), redisSocketLeases(two, PREFIX)];
    expect(await a.take('cat', 'c1', 3)).toBe(true);
    expect(await b.take('cat', 'c2', 3)).toBe(true);
    const raced = await Promise.all([a.take('cat', 'c3', 3), b.take('cat', 'c4', 3), a.take('cat', 'c5', 3)]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    await b.release('cat', 'c2');
    expect(await a.take('cat', 'c6', 3)).toBe(true);
    expect(await b.take('cat', 'c7', 3)).toBe(false);
  });

  it('frees the places of a process that stopped renewing (a crash), and keeps the renewed ones', async () => {
    const leaseMs = 1500;
    const [a, crashed] = [redisSocketLeases(one, PREFIX, leaseMs), redisSocketLeases(two, PREFIX, leaseMs)];
    expect(await a.take('ann', 'a1', 2)).toBe(true);
    expect(await crashed.take('ann', 'b1', 2)).toBe(true);
    expect(await a.take('ann', 'a2', 2)).toBe(false);
    // Only `a` renews from now on; the wait is the lease running out, the behaviour under test.
    await waitUntil(
      async () => {
        await a.renew([{ userId: 'ann', socketId: 'a1' }]);
        if (!(await a.take('ann', 'a2', 2))) throw new Error('the crashed process still holds its place');
      },
      { timeoutMs: 10_000, everyMs: 250 },
    );
    expect((await one.zRange(`${PREFIX}limits:sockets:ann`, 0, -1)).sort()).toEqual(['a1', 'a2']);
  });
});

describe.runIf(ownRedisRuns)('a limit while its Redis is down', () => {
  it('goes on counting in memory, and counts in Redis again once it is back', async () => {
    // A Redis of the test's own: the machine's shared one must never be stopped.
    const own = await startOwnRedis();
    const redis = await connectRedis(own.url, { failWhileDown: true });
    try {
      const limit = rateLimit({ kind: 'redis', redis, keyPrefix: PREFIX }, { name: 'outage', points: 2, durationSeconds: 60 });
      expect(await limit.take('ann')).toEqual({ ok: true, count: 1 });
      await own.stop();
      await waitUntil(async () => {
        if (redis.isReady) throw new Error('the client has not seen Redis go yet');
      });
      // The memory twin answers at once, and still limits.
      expect(await limit.take('ann')).toEqual({ ok: true, count: 1 });
      expect(await limit.take('ann')).toEqual({ ok: true, count: 2 });
      expect((await limit.take('ann')).ok).toBe(false);
      await own.start();
      await waitUntil(async () => {
        if (!redis.isReady) throw new Error('not reconnected yet');
      });
      expect(await limit.take('ann')).toEqual({ ok: true, count: 2 });
    } finally {
      redis.destroy();
      await own.remove();
    }
  });
});
