/**
 * The per-user limits hold across server processes (REDIS_URL): two real processes, A and B,
 * on one Redis for events and limits and one PostgreSQL for records (DATABASE_URL). A trainee's events on A and on B count against one budget, and their
 * connections on both against one limit, so a second process (or a second tab routed to
 * it) does not double what one user may do.
 *
 * Needs Redis on 127.0.0.1:6379 (or SPARRING_TEST_REDIS_URL); uses database 13 and a key
 * prefix of its own, deleted afterwards; and PostgreSQL on 127.0.0.1:5432 (or
 * SPARRING_TEST_DATABASE_URL), in a schema of its own, dropped afterwards. Without either it
 * is skipped with a printed reason, unless SPARRING_REQUIRE_SERVICES=1.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';
import { createTestSchema, POSTGRES_URL, type TestSchema } from '../support/postgresSchema.ts';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { postgresAvailable, redisAvailable, requireOrSkip } from '../support/services.ts';
import { call } from '../support/socketClient.ts';
import type { TestClient } from '../support/testServer.ts';
import { connect, createTrainee, startSession } from '../support/trainee.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const PREFIX = `sparring-test-${randomUUID().slice(0, 8)}:`;
const ADMIN_PASSWORD = 'shared-limits-admin';
const EVENTS = 6;
const settings = {
  PORT: '0',
  REDIS_URL,
  SPARRING_REDIS_PREFIX: PREFIX,
  SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD,
  SPARRING_EVENT_RATE: String(EVENTS),
  SPARRING_SOCKETS_PER_USER: '2',
};

const runs =
  requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`) && requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);

type Running = ServerProcess & { url: string };

describe.runIf(runs)('per-user limits on two server processes', () => {
  const servers: Running[] = [];
  const sockets: TestClient[] = [];
  let token: string;
  let schema: TestSchema | undefined;

  async function start(): Promise<Running> {
    // Generous: two processes start at once on a machine that may be busy.
    const server = await spawnServer({ ...settings, DATABASE_URL: schema!.url }, 60_000);
    if (!server.url) throw new Error(`the server did not start:\n${server.stderr()}`);
    servers.push(server as Running);
    return server as Running;
  }
  async function open(server: Running): Promise<TestClient> {
    const socket = await connect(server.url, token);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    schema = await createTestSchema('shared_limits');
    await Promise.all([start(), start()]);
    token = await createTrainee(servers[0]!.url, ADMIN_PASSWORD, 'shared-limits');
  }, 90_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await deleteKeysUnder(PREFIX, REDIS_URL);
    await schema?.drop();
  });

  it('counts one user’s connections and events on both processes together', async () => {
    const [a, b] = servers as [Running, Running];
    const onA = await open(a);
    const onB = await open(b);
    // Two connections, one on each process: the third is refused on either.
    await expect(connect(a.url, token)).rejects.toThrow('too_many_connections');
    await expect(connect(b.url, token)).rejects.toThrow('too_many_connections');

    // One start and five resumes, alternating processes, fill the budget of six events per 10 seconds…
    const { sessionId } = await startSession(onA, 'late-disbursement', 'en');
    for (let i = 0; i < EVENTS - 1; i++) expect(await call(i % 2 ? onA : onB, 'session:resume', { sessionId })).toMatchObject({ ok: true });
    // …and the next is refused wherever it arrives.
    expect(await call(onB, 'session:resume', { sessionId })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await call(onA, 'session:resume', { sessionId })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
