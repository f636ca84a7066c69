/**
 * The Redis store (server/store/redisSessionStore.ts) against the real Redis on
 * 127.0.0.1:6379 (or SPARRING_TEST_REDIS_URL), database 12, each test under its own key
 * prefix (deleted after). Without a
 * Redis these tests are skipped with a printed reason, or fail when the run requires
 * services (test/support/services.ts).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createClient } from 'redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openRedisSessionStore } from '../../server/store/redisSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { redisAvailable, requireOrSkip } from '../support/services.ts';
import { waitUntil } from '../support/waitUntil.ts';
import { aComment, anAssignment, aSession, aTurn, aUser, sessionStoreContract } from './sessionStore.contract.ts';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const DATABASE = 12;
const RUN = `sparring-test:${process.pid}-${Date.now().toString(36)}`;
const available = requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`);

let prefixes = 0;
const newPrefix = () => `${RUN}:${++prefixes}:`;

const deleteKeys = (prefix: string): Promise<void> => deleteKeysUnder(prefix, REDIS_URL, DATABASE);

const opened: SessionStore[] = [];
async function openAt(keyPrefix: string, url = REDIS_URL): Promise<SessionStore> {
  const store = await openRedisSessionStore(url, { database: DATABASE, keyPrefix });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  if (available) await deleteKeys(`${RUN}:`);
});

describe.skipIf(!available)('redis store', () => {
  sessionStoreContract('redis store', async () => {
    const keyPrefix = newPrefix();
    const store = await openRedisSessionStore(REDIS_URL, { database: DATABASE, keyPrefix });
    return {
      store,
      reopen: () => openRedisSessionStore(REDIS_URL, { database: DATABASE, keyPrefix }),
      cleanup: async () => {
        await store.close();
        await deleteKeys(keyPrefix);
      },
    };
  });

  it('lets exactly one of two stores (two server processes) store a turn index they both append at once', async () => {
    const keyPrefix = newPrefix();
    const [one, two] = [await openAt(keyPrefix), await openAt(keyPrefix)];
    const session = aSession();
    await one.createSession(session, aTurn(0));
    for (let index = 1; index <= 5; index++) {
      const tries = Array.from({ length: 8 }, (_, i) => aTurn(index, { text: `try ${i}` }));
      const results = await Promise.all(tries.map((t, i) => (i % 2 ? one : two).appendTurn(session.id, t)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    }
    expect((await two.getSession(session.id))?.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    await deleteKeys(keyPrefix);
  });

  it('reads a user stored before accounts had a token version, and changes it', async () => {
    const keyPrefix = newPrefix();
    const store = await openAt(keyPrefix);
    const old = aUser();
    // As the store wrote users before: every field as text, no token version, no flags.
    const admin = await createClient({ url: REDIS_URL, database: DATABASE }).on('error', () => {}).connect();
    await admin.hSet(`${keyPrefix}user:${old.id}`, { id: old.id, username: old.username, role: old.role, passwordHash: old.passwordHash, createdAt: old.createdAt });
    await admin.hSet(`${keyPrefix}users:by-name`, old.username, old.id);
    admin.destroy();

    expect(await store.getUser(old.id)).toEqual(old);
    expect(await store.updateUser(old.id, { disabled: true }, { revokeTokens: true })).toEqual({ ...old, disabled: true, tokenVersion: 1 });
    expect(store.problems).toEqual([]);
    await deleteKeys(keyPrefix);
  });

  it('leaves out a stored record that fails the schema, and reports it', async () => {
    const keyPrefix = newPrefix();
    const store = await openAt(keyPrefix);
    const good = aSession();
    await store.createSession(good, aTurn(0));
    const bad = aSession({ startedAt: '2030-01-01T00:00:00.000Z' });
    await store.createSession(bad, aTurn(0));
    const admin = await createClient({ url: REDIS_URL, database: DATABASE }).on('error', () => {}).connect();
    await admin.hSet(`${keyPrefix}session:${bad.id}`, 'locale', '"fr"');
    await admin.xAdd(`${keyPrefix}session:${good.id}:turns`, '0-2', { turn: '{"index": 1, "role": "nobody"}' });
    admin.destroy();

    expect((await store.listSessions()).map((s) => s.id)).toEqual([good.id]);
    expect(await store.getSession(bad.id)).toBeNull();
    expect((await store.getSession(good.id))?.turns).toEqual([aTurn(0)]);
    expect(store.problems).toContainEqual(expect.stringContaining(`session:${bad.id}: locale: `));
    expect(store.problems).toContainEqual(expect.stringContaining(`session:${good.id}:turns 0-2: role: `));
    // The unreadable turn still holds index 1: a repeat is an error, not a silent overwrite.
    await expect(store.appendTurn(good.id, aTurn(1))).rejects.toThrow(/cannot be read/);
    await deleteKeys(keyPrefix);
  });

  it('leaves out a stored review or assignment that fails the schema, and reports it', async () => {
    const keyPrefix = newPrefix();
    const store = await openAt(keyPrefix);
    const session = aSession();
    await store.createSession(session, aTurn(0));
    const good = aComment(session.id);
    await store.addReview(good);
    const assignment = anAssignment();
    await store.createAssignment(assignment);
    const admin = await createClient({ url: REDIS_URL, database: DATABASE }).on('error', () => {}).connect();
    await admin.rPush(`${keyPrefix}session:${session.id}:reviews`, ['{"kind": "comment"', JSON.stringify({ ...good, id: 'x', kind: 'praise' })]);
    await admin.set(`${keyPrefix}assignment:${assignment.id}`, JSON.stringify({ ...assignment, traineeIds: [] }));
    admin.destroy();

    expect(await store.listReviews(session.id)).toEqual([good]);
    expect(await store.getAssignment(assignment.id)).toBeNull();
    expect(await store.listAssignments()).toEqual([]);
    expect(store.problems).toContainEqual(`redis ${keyPrefix}session:${session.id}:reviews[1]: not valid JSON; left out`);
    expect(store.problems).toContainEqual(expect.stringContaining(`session:${session.id}:reviews[2]: kind: `));
    expect(store.problems).toContainEqual(expect.stringContaining(`assignment:${assignment.id}: traineeIds: `));
    await deleteKeys(keyPrefix);
  });

  it('rejects calls while the connection is down, and serves again once it is back', async () => {
    const keyPrefix = newPrefix();
    const target = new URL(REDIS_URL);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 6379));
    try {
      const through = new URL(REDIS_URL);
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      const store = await openAt(keyPrefix, through.toString());
      await store.createUser(aUser({ username: 'before' }));
      await proxy.cut();
      await expect(store.countUsers()).rejects.toThrow(`:${proxy.port}`);
      await proxy.resume();
      expect(await waitUntil(() => store.countUsers())).toBe(1);
    } finally {
      await proxy.cut();
      await deleteKeys(keyPrefix);
    }
  });
});

describe('redis store: opening', () => {
  it('rejects an unreachable Redis with a message naming the URL but not its password', async () => {
    const error = await openRedisSessionStore('redis://:hunter2@127.0.0.1:1').catch((err: unknown) => err as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('cannot connect to Redis at redis://:***@127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

/** A TCP forwarder whose link to Redis can be cut and restored, touching no other client. */
async function tcpProxy(host: string, targetPort: number): Promise<{ port: number; cut(): Promise<void>; resume(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<Server>((done, fail) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => {});
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => done(s));
    });
  server = await listen(0);
  const port = (server.address() as { port: number }).port;
  return {
    port,
    async cut() {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (s) await new Promise((done) => s.close(done));
    },
    async resume() {
      server = await listen(port);
    },
  };
}
