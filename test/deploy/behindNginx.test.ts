/**
 * The deployment docs/deploy.md describes, run for real: Debian's nginx terminating TLS (a
 * certificate this test makes with openssl) in front of two server processes sharing one
 * PostgreSQL (records) and one Redis (events, limits), with the site configuration shipped in deploy/nginx/sparring.conf. A trainee logs in
 * over HTTPS, connects socket.io through nginx (long-polling, then upgraded to a WebSocket),
 * talks, and the process that served them is killed (SIGKILL): nginx sends the reconnecting
 * client to the other process, where the session resumes with every acknowledged turn.
 *
 * Which process served the trainee comes from nginx's access log ($upstream_addr), as an
 * operator would find out. The client's address is the same for every request, so ip_hash
 * sends them all to one process until it dies.
 *
 * Needs nginx (/usr/sbin/nginx or SPARRING_NGINX), openssl, Redis on 127.0.0.1:6379 (or
 * SPARRING_TEST_REDIS_URL; database 13, a key prefix of its own, deleted afterwards) and
 * PostgreSQL on 127.0.0.1:5432 (or SPARRING_TEST_DATABASE_URL; a schema of its own, dropped
 * afterwards). Without them it is skipped with a printed reason, unless SPARRING_REQUIRE_SERVICES=1.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';
import { freePort } from '../support/freePort.ts';
import { httpsFetch, type Fetch } from '../support/httpsFetch.ts';
import { NGINX, nginxAvailable, startNginx, type Nginx } from '../support/nginxServer.ts';
import { makeSelfSignedCertificate, OPENSSL, opensslAvailable, type Certificate } from '../support/selfSignedCertificate.ts';
import { createTestSchema, POSTGRES_URL, type TestSchema } from '../support/postgresSchema.ts';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { postgresAvailable, redisAvailable, requireOrSkip } from '../support/services.ts';
import { call } from '../support/socketClient.ts';
import type { TestClient } from '../support/testServer.ts';
import { connect, createTrainee, plain, say, startSession, type Turn } from '../support/trainee.ts';
import { waitUntil } from '../support/waitUntil.ts';
import { siteForTest } from './siteForTest.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const PREFIX = `sparring-test-${randomUUID().slice(0, 8)}:`;
const ADMIN_PASSWORD = 'behind-nginx-admin';
// TRUST_PROXY: the server believes nginx's X-Forwarded-For (a setting docs/deploy.md explains).
const settings = { PORT: '0', REDIS_URL, SPARRING_REDIS_PREFIX: PREFIX, SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD, TRUST_PROXY: '1' };

const LINES = [
  "Mr Chen, I'm so sorry you've been kept waiting this long. So you were approved two weeks ago and the money still hasn't come, is that right?",
  'Let me check your application now. Since the approval, has anyone from our team contacted you, and what did they ask for?',
  "I've found it: your bank statements were never attached to your file, and that's our mistake. I'm attaching them now.",
];

// Two servers and nginx start on a machine that may be busy running other tests.
const START_MS = 60_000;

const runs =
  requireOrSkip(nginxAvailable(), `nginx (${NGINX})`) &&
  requireOrSkip(opensslAvailable(), `openssl (${OPENSSL})`) &&
  requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`) &&
  requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);
let schema: TestSchema | undefined;

/** One request in nginx's access log (deploy/nginx/sparring.conf, `log_format sparring`). */
interface Logged {
  method: string;
  path: string;
  status: number;
  /** Every upstream tried, in order: after a failover the dead one comes first. */
  upstreams: string[];
}

const LOG_LINE = /"(\S+) (\S+) [^"]*" (\d{3}) \d+ upstream=(.+) [\d.]+$/;

function parseLog(text: string): Logged[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = LOG_LINE.exec(line);
      if (!m) throw new Error(`an access log line not in the sparring format: ${line}`);
      return { method: m[1]!, path: m[2]!, status: Number(m[3]), upstreams: m[4]!.split(', ') };
    });
}

/** Resolves once the client's connection has moved from long-polling to a WebSocket. */
function upgraded(socket: TestClient, timeoutMs = 10_000): Promise<void> {
  const engine = socket.io.engine;
  if (engine.transport.name === 'websocket') return Promise.resolve();
  return new Promise((done, fail) => {
    // The client stays on long-polling, silently, when the proxy does not pass the upgrade on.
    const timer = setTimeout(() => fail(new Error(`no upgrade to a WebSocket within ${timeoutMs} ms`)), timeoutMs);
    engine.once('upgrade', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** A socket.io handshake: the first polling request of a connection, before it has a session id. */
const isHandshake = (r: Logged): boolean => r.path.startsWith('/socket.io/?EIO=4&transport=polling') && !r.path.includes('sid=');

describe.runIf(runs)('two server processes behind nginx, over TLS', () => {
  let dir: string;
  let certificate: Certificate;
  let agent: Agent;
  let send: Fetch;
  let nginx: Nginx | undefined;
  let base: string;
  let httpPort: number;
  let accessLog: string;
  const servers: ServerProcess[] = [];
  const sockets: TestClient[] = [];

  const logged = async (): Promise<Logged[]> => parseLog(await readFile(accessLog, 'utf8').catch(() => ''));
  const portOf = (server: ServerProcess): string => `127.0.0.1:${new URL(server.url!).port}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparring-nginx-'));
    certificate = await makeSelfSignedCertificate(dir);
    // The test's certificate is trusted by this agent alone; TLS is verified as a browser would.
    agent = new Agent({ ca: certificate.cert, keepAlive: false });
    send = httpsFetch(agent);

    schema = await createTestSchema('behind_nginx');
    const env = { ...settings, DATABASE_URL: schema.url };
    const started = await Promise.all([spawnServer(env, START_MS), spawnServer(env, START_MS)]);
    servers.push(...started);
    for (const s of started) if (!s.url) throw new Error(`a server did not start:\n${s.stderr()}`);

    const httpsPort = await freePort();
    do httpPort = await freePort();
    while (httpPort === httpsPort);
    base = `https://127.0.0.1:${httpsPort}`;
    accessLog = join(dir, 'access.log');
    const site = siteForTest({
      upstreamPorts: started.map((s) => Number(new URL(s.url!).port)),
      httpsPort,
      httpPort,
      certPath: certificate.certPath,
      keyPath: certificate.keyPath,
      accessLog,
    });
    nginx = await startNginx({
      dir,
      site,
      ready: async () => {
        const res = await send(`${base}/api/health`);
        if (!res.ok) throw new Error(`/api/health through nginx: ${res.status}`);
      },
    });
  }, START_MS + 20_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nginx?.stop();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    agent?.destroy();
    await deleteKeysUnder(PREFIX, REDIS_URL);
    await schema?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers over HTTPS with HSTS, and sends plain HTTP to HTTPS', async () => {
    const health = await send(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    expect(health.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');

    const plainHttp = await fetch(`http://127.0.0.1:${httpPort}/api/health`, { redirect: 'manual' });
    expect(plainHttp.status).toBe(301);
    expect(plainHttp.headers.get('location')).toBe('https://127.0.0.1/api/health');
  });

  it('a trainee whose process is killed reconnects through nginx to the other and resumes, nothing lost', async () => {
    const token = await createTrainee(base, ADMIN_PASSWORD, 'behind-nginx', send);
    // As the web client connects: long-polling first, then upgraded to a WebSocket; it
    // reconnects by itself when the connection drops.
    const socket = await connect(base, token, { transports: ['polling', 'websocket'], ca: certificate.cert, reconnection: true });
    sockets.push(socket);
    await upgraded(socket);

    // nginx logs a request once it has answered it, a moment after the client has the answer.
    const handshake = await waitUntil(async () => {
      const found = (await logged()).find(isHandshake);
      if (!found) throw new Error('no socket.io handshake in the access log yet');
      return found;
    });
    const victim = servers.find((s) => portOf(s) === handshake.upstreams.at(-1));
    const survivor = servers.find((s) => s !== victim)!;
    expect(victim, `served by ${handshake.upstreams.join(', ')}`).toBeDefined();
    // Sticky by address: every request so far (logins, the handshake, its polls) went to one process.
    expect(new Set((await logged()).map((r) => r.upstreams.join(', ')))).toEqual(new Set([portOf(victim!)]));

    const { sessionId, opening } = await startSession(socket, 'late-disbursement', 'en');
    const expected: Turn[] = [opening];
    for (const line of LINES.slice(0, 2)) expected.push(...(await say(socket, sessionId, line)));

    const dropped = new Promise<void>((done) => socket.once('disconnect', () => done()));
    const reconnected = new Promise<void>((done) => socket.io.once('reconnect', () => done()));
    victim!.child.kill('SIGKILL');
    expect((await victim!.exited).signal).toBe('SIGKILL');
    await dropped;
    await reconnected;
    // A crash records no socket.io session to recover: the client asks for the session as stored.
    expect(socket.recovered).toBe(false);

    const resumed = await call(socket, 'session:resume', { sessionId });
    if (!resumed.ok) throw new Error(`session:resume refused: ${JSON.stringify(resumed.error)}`);
    expect(plain(resumed.turns)).toEqual(expected);
    expect(resumed.ended).toBe(false);

    // The conversation goes on where it was, on the survivor.
    const [trainee, customer] = await say(socket, sessionId, LINES[2]!);
    expect(trainee.index).toBe(expected.length);
    expect(customer.index).toBe(expected.length + 1);

    const handshakes = (await logged()).filter(isHandshake);
    expect(handshakes).toHaveLength(2);
    expect(handshakes[1]!.upstreams.at(-1)).toBe(portOf(survivor));
  }, 45_000);
});
