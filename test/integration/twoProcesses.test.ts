/**
 * Several server processes serve one set of users: records in one PostgreSQL (DATABASE_URL),
 * events through one Redis (REDIS_URL). Two real processes, A and B: a trainee talks through
 * A while a second tab of theirs on B receives
 * every event A emits (the socket.io adapter at work); A is killed with SIGKILL, the trainee
 * connects to B and resumes the same session with nothing lost, and goes on talking there.
 * Then a clean stop (SIGTERM) behind a one-address front: the client's socket.io connection
 * is recovered on another process, same socket id, with an event it missed meanwhile replayed.
 *
 * Needs Redis on 127.0.0.1:6379 (or SPARRING_TEST_REDIS_URL; database 13 and a key prefix of
 * its own, deleted afterwards) and PostgreSQL on 127.0.0.1:5432 (or SPARRING_TEST_DATABASE_URL;
 * a schema of its own, dropped afterwards). Without either it is skipped with a printed
 * reason, unless SPARRING_REQUIRE_SERVICES=1. The SIGKILL of A proves on PostgreSQL what
 * restart.test.ts proves on SQLite: an acknowledged turn is a committed row.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { createTestSchema, POSTGRES_URL, type TestSchema } from '../support/postgresSchema.ts';
import { postgresAvailable, redisAvailable, requireOrSkip } from '../support/services.ts';
import { call, record } from '../support/socketClient.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import type { TestClient } from '../support/testServer.ts';
import { connect, createTrainee, nextCustomerSay, plain, say, startSession, type Turn } from '../support/trainee.ts';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const PREFIX = `sparring-test-${randomUUID().slice(0, 8)}:`;
const ADMIN_PASSWORD = 'two-processes-admin';
let env: Record<string, string> = {};

const LINES = [
  "Mr Chen, I'm so sorry you've been kept waiting this long. So you were approved two weeks ago and the money still hasn't come, is that right?",
  'Let me check your application now. Since the approval, has anyone from our team contacted you, and what did they ask for?',
  "I've found it: your bank statements were never attached to your file, and that's our mistake. I'm attaching them now.",
];

const runs =
  requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`) && requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);
let schema: TestSchema | undefined;

type Running = ServerProcess & { url: string };
const servers: Running[] = [];
const sockets: TestClient[] = [];
let proxy: TcpProxy | undefined;

async function start(): Promise<Running> {
  const server = await spawnServer(env);
  if (!server.url) throw new Error(`the server did not start:\n${server.stderr()}`);
  servers.push(server as Running);
  return server as Running;
}

async function open(url: string, token: string, options: { reconnection?: boolean } = {}): Promise<TestClient> {
  const socket = await connect(url, token, options);
  sockets.push(socket);
  return socket;
}

describe.runIf(runs)('two server processes on one PostgreSQL and one Redis', () => {
  let a: Running;
  let b: Running;
  let token: string;

  beforeAll(async () => {
    schema = await createTestSchema('two_processes');
    env = { PORT: '0', DATABASE_URL: schema.url, REDIS_URL, SPARRING_REDIS_PREFIX: PREFIX, SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD };
    // Started together, as a process manager would: both find no user, one creates `admin`.
    [a, b] = await Promise.all([start(), start()]);
    token = await createTrainee(a.url, ADMIN_PASSWORD, 'two-processes');
    // Two starts at once (each migrating, or waiting for the other's migration) on a busy machine.
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await proxy?.close();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await deleteKeysUnder(PREFIX, REDIS_URL);
    await schema?.drop();
  });

  it('printed the generated admin password on one process only', () => {
    const printed = [a, b].filter((s) => /created user "admin"/.test(s.messages()));
    expect(printed).toHaveLength(1);
  });

  it('a password changed through one process closes the sockets on the other, and neither takes the old token', async () => {
    const old = await createTrainee(a.url, ADMIN_PASSWORD, 'password-changer');
    const onB = await open(b.url, old);
    const told = record(onB).next('account:signed-out');
    const closed = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    const changed = await fetch(`${a.url}/api/password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${old}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'password-changer-password', newPassword: 'changed on process A' }),
    });
    expect(changed.status).toBe(204);
    expect(await told).toEqual({ reason: 'password_changed' });
    expect(await closed).toBe('io server disconnect');
    for (const server of [a, b]) expect((await fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
  });

  it('a trainee whose process is killed resumes the same session on the other, and a tab there follows along', async () => {
    const onA = await open(a.url, token);
    const onB = await open(b.url, token);
    const { sessionId, opening } = await startSession(onA, 'late-disbursement', 'en');
    const expected: Turn[] = [opening];

    // The second tab, connected to B, gets each reply that A emits.
    for (const line of LINES.slice(0, 2)) {
      const seenOnB = nextCustomerSay(onB, sessionId);
      const turns = await say(onA, sessionId, line);
      expected.push(...turns);
      expect((await seenOnB).text).toBe(turns[1].text);
    }

    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    // A crash records no socket.io session to recover: the client connects anew to B, with
    // the same token, and asks for the session as stored.
    const again = await open(b.url, token);
    const resumed = await call(again, 'session:resume', { sessionId });
    if (!resumed.ok) throw new Error(`session:resume refused: ${JSON.stringify(resumed.error)}`);
    expect(plain(resumed.turns)).toEqual(expected);
    expect(resumed.ended).toBe(false);

    // And the conversation goes on where it was, on B.
    const [trainee, customer] = await say(again, sessionId, LINES[2]!);
    expect(trainee.index).toBe(expected.length);
    expect(customer.index).toBe(expected.length + 1);
  });

  it('a client cut off by a clean stop recovers its connection on another process, with the event it missed', async () => {
    const c = await start();
    const recovering = await createTrainee(b.url, ADMIN_PASSWORD, 'recovering');
    proxy = await startTcpProxy(b.url);
    const client = await open(proxy.url, recovering, { reconnection: true });
    const otherTab = await open(c.url, recovering);
    const seen = record(client);
    const { sessionId } = await startSession(otherTab, 'late-disbursement', 'en');
    // A reply that reaches the client through the adapter gives it a stream offset to come back with.
    await say(otherTab, sessionId, LINES[0]!);
    await seen.next('customer:say', (p) => p.sessionId === sessionId);
    const socketId = client.id;

    // B stops cleanly and keeps the client's socket.io session in Redis; the front sends new
    // connections nowhere for now, so the client stays away while C emits a reply.
    proxy.retarget('http://127.0.0.1:1');
    const disconnected = new Promise<void>((done) => client.once('disconnect', () => done()));
    expect(await b.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await disconnected;
    const [, missed] = await say(otherTab, sessionId, LINES[1]!);

    proxy.retarget(c.url);
    await new Promise<void>((done) => client.once('connect', () => done()));
    expect(client.recovered).toBe(true);
    expect(client.id).toBe(socketId);
    const replayed = await seen.next('customer:say', (p) => p.sessionId === sessionId && p.index === missed.index);
    expect(replayed.text).toBe(missed.text);
  });
});
