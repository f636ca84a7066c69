/**
 * The short soak of `npm test` (the long one: `npm run soak`, docs/reliability.md): 40
 * scripted trainees talk for 15 s to one server process on SQLite, then to two on
 * PostgreSQL and Redis. Every turn is answered, no acknowledged turn is missing when the transcripts are
 * read back, and the servers' memory is read along the way. Memory flatness needs minutes
 * to judge, so it is asserted by the long run only.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_DATABASE_URL } from '../../bench/load/benchPostgres.ts';
import { BENCH_REDIS_URL } from '../../bench/load/benchRedis.ts';
import { runSoak } from '../../bench/soak/runSoak.ts';
import { postgresAvailable, redisAvailable, requireOrSkip } from '../support/services.ts';

const options = { clients: 40, seconds: 15, thinkMs: 600, warmupShare: 0.2, sampleEveryMs: 3000, maxGrowth: 0.1, progress: () => {} };
const twoRuns =
  requireOrSkip(await redisAvailable(BENCH_REDIS_URL), `Redis at ${BENCH_REDIS_URL}`) &&
  requireOrSkip(await postgresAvailable(BENCH_DATABASE_URL), `PostgreSQL at ${BENCH_DATABASE_URL}`);

describe('a short soak', () => {
  it('one process on SQLite: no error, no lost turn', async () => {
    const result = await runSoak('one', options);
    expect(result.errors).toEqual({});
    expect(result.lostExamples).toEqual([]);
    expect(result.turns).toBeGreaterThan(200);
    expect(result.memory.samples.length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it.skipIf(!twoRuns)('two processes on PostgreSQL and Redis: no error, no lost turn', async () => {
    const result = await runSoak('two', options);
    expect(result.errors).toEqual({});
    expect(result.lostExamples).toEqual([]);
    expect(result.turns).toBeGreaterThan(200);
  }, 90_000);
});
