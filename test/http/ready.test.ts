/**
 * `/api/ready` for a load balancer: 200 while the store (and Redis, when used) answer; 503
 * naming the part that does not, with `/api/health` still 200 (the process is alive); ready
 * again once the part is back. With a Redis of the test's own, killed and started again.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadyAnswer } from '../../server/domain/apiAnswers.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { captureLog } from '../support/logCapture.ts';
import { redisServerAvailable, REDIS_SERVER, startOwnRedis, type OwnRedis } from '../support/redisServer.ts';
import { requireOrSkip } from '../support/services.ts';
import { waitUntil } from '../support/waitUntil.ts';
import { call, expectShape, startTestServer } from './httpTestServer.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A store whose every call hangs: a stalled disk. */
function hanging(store: SessionStore): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' && property !== 'close' ? () => new Promise(() => {}) : value;
    },
  });
}

describe('GET /api/ready with the SQL store', () => {
  it('is 200 while the store answers, and 503 naming the store when it hangs, with /api/health still 200', async () => {
    const good = await startTestServer();
    cleanup.push(() => good.close());
    const ready = await call(good.url, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(expectShape(ReadyAnswer, ready.body)).toEqual({ ok: true });

    const stalled = await startTestServer({ adjust: (ctx) => ({ ...ctx, store: hanging(ctx.store) }) });
    cleanup.push(() => stalled.close());
    const notReady = await call(stalled.url, 'GET', '/api/ready');
    expect(notReady.status).toBe(503);
    expect(expectShape(ReadyAnswer, notReady.body)).toEqual({ ok: false, failed: [{ part: 'store', reason: 'timeout' }] });
    expect((await call(stalled.url, 'GET', '/api/health')).status).toBe(200);
    expect(stalled.logRecords.find((r) => r.msg === 'not ready: store is not answering')).toMatchObject({ level: 'warn', part: 'store' });
  });
});

const redisRuns = requireOrSkip(redisServerAvailable(), `redis-server (${REDIS_SERVER})`);

describe.skipIf(!redisRuns)('GET /api/ready with Redis', () => {
  it('is 503 naming Redis while Redis is down, the records in SQL still answering, and 200 again once it is back', async () => {
    const redis: OwnRedis = await startOwnRedis();
    cleanup.push(() => redis.remove());
    const dataDir = await mkdtemp(join(tmpdir(), 'sparring-ready-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const log = captureLog();
    const server: RunningServer = await startServer(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, REDIS_URL: redis.url, SPARRING_REDIS_PREFIX: `ready-${randomUUID().slice(0, 8)}:`, SPARRING_ADMIN_PASSWORD: 'ready-admin-password' },
      { logDestination: log.destination },
    );
    cleanup.push(() => server.close());
    const url = server.url.replace('localhost', '127.0.0.1');

    expect(await call(url, 'GET', '/api/ready')).toMatchObject({ status: 200, body: { ok: true } });

    await redis.stop();
    const down = await call(url, 'GET', '/api/ready');
    expect(down.status).toBe(503);
    const answer = expectShape(ReadyAnswer, down.body);
    expect(answer.ok).toBe(false);
    expect(answer.ok === false && answer.failed.map((f) => f.part)).toEqual(['redis']);
    // Alive all the same: a load balancer takes it out of rotation, nothing restarts it.
    expect(await call(url, 'GET', '/api/health')).toMatchObject({ status: 200, body: { ok: true } });

    await redis.start();
    // The server reconnects by itself, on its own schedule: wait for that, not for a while.
    await waitUntil(async () => expect((await call(url, 'GET', '/api/ready')).status).toBe(200), { timeoutMs: 15_000, everyMs: 200 });
  }, 40_000);
});
