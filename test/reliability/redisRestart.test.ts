/**
 * Redis restarts while a trainee talks. Redis carries socket.io's events and shared limits,
 * never records (those are in SQL: SQLite in a DATA_DIR of the test's own here). A real
 * server process on a Redis of the test's own (test/support/redisServer.ts): Redis is killed
 * mid-conversation, and while it is down the trainee's turn is still stored and
 * acknowledged; Redis comes back, the server reconnects by itself, the same socket goes on in
 * the same session, and every turn acknowledged before, during and after is there exactly
 * once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { redisServerAvailable, REDIS_SERVER, startOwnRedis, type OwnRedis } from '../support/redisServer.ts';
import { requireOrSkip } from '../support/services.ts';
import { call } from '../support/socketClient.ts';
import type { TestClient } from '../support/testServer.ts';
import { connect, createTrainee, plain, say, startSession, type Turn } from '../support/trainee.ts';
import { waitUntil } from '../support/waitUntil.ts';

const ADMIN_PASSWORD = 'redis-restart-admin';
const LINES = [
  "Mr Chen, I'm so sorry you've been kept waiting this long. So you were approved two weeks ago and the money still hasn't come, is that right?",
  'Let me check your application now. Since the approval, has anyone from our team contacted you, and what did they ask for?',
  "I've found it: your bank statements were never attached to your file, and that's our mistake. I'm attaching them now.",
];

const DATA_DIR = mkdtempSync(join(tmpdir(), 'sparring-redis-restart-'));
const runs = requireOrSkip(redisServerAvailable(), `redis-server (${REDIS_SERVER})`);

describe.skipIf(!runs)('a Redis restart under a running session', () => {
  let redis: OwnRedis;
  let server: ServerProcess & { url: string };
  let socket: TestClient;

  beforeAll(async () => {
    redis = await startOwnRedis();
    const started = await spawnServer({ PORT: '0', DATA_DIR, REDIS_URL: redis.url, SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD });
    if (!started.url) throw new Error(`the server did not start:\n${started.stderr()}`);
    server = started as ServerProcess & { url: string };
    socket = await connect(server.url, await createTrainee(server.url, ADMIN_PASSWORD, 'redis-restart-trainee'), { reconnection: true });
  }, 40_000);

  afterAll(async () => {
    socket?.close();
    await server?.stop();
    await redis?.remove();
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  it('stores and acknowledges turns while Redis is down, and loses nothing once it is back', async () => {
    const { sessionId, opening } = await startSession(socket, 'late-disbursement', 'en');
    const acknowledged: Turn[] = [opening, ...(await say(socket, sessionId, LINES[0]!))];

    await redis.stop('SIGKILL');
    const during = await call(socket, 'trainee:say', { sessionId, text: LINES[1]!, index: 3 }, 15_000);
    if (!during.ok) throw new Error(`trainee:say refused while Redis was down: ${JSON.stringify(during.error)}`);
    expect(during.index).toBe(3);
    acknowledged.push({ index: 3, role: 'trainee', text: LINES[1]! });

    await redis.start();
    // The server reconnects by itself; the conversation goes on from what is stored.
    const stored = await call(socket, 'session:resume', { sessionId });
    if (!stored.ok) throw new Error(JSON.stringify(stored.error));
    expect(plain(stored.turns).slice(0, acknowledged.length)).toEqual(plain(acknowledged));
    // The customer's answer to the turn sent while Redis was down, when it was given.
    acknowledged.push(...plain(stored.turns).slice(acknowledged.length));
    // (The customer's answer is read back from the store: the one to the turn sent while Redis
    // was down may reach the socket late, once Redis is back, and be taken for this one's.)
    const [trainee] = await waitUntil(() => say(socket, sessionId, LINES[2]!), { timeoutMs: 20_000, everyMs: 250 });
    acknowledged.push(trainee);

    const resumed = await call(socket, 'session:resume', { sessionId });
    if (!resumed.ok) throw new Error(JSON.stringify(resumed.error));
    expect(plain(resumed.turns).slice(0, acknowledged.length)).toEqual(plain(acknowledged));
    expect(resumed.turns.slice(acknowledged.length).map((t) => t.role)).toEqual(['customer']);
    expect(resumed.turns.map((t) => t.index)).toEqual(resumed.turns.map((_, i) => i));

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
