/**
 * The SQL store on PostgreSQL (server/store/sqlSessionStore.ts) against the real server on
 * 127.0.0.1:5432 (or SPARRING_TEST_DATABASE_URL), each test in a schema of its own (dropped
 * after): the shared contract, then what only a database server shared by several processes
 * must do. Without a PostgreSQL these tests are skipped with a printed reason, or fail when
 * the run requires services (test/support/services.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresSessionStore } from '../../server/store/sqlSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { createTestSchema, POSTGRES_URL, type TestSchema } from '../support/postgresSchema.ts';
import { postgresAvailable, requireOrSkip } from '../support/services.ts';
import { aPersonaVersion, aSession, aTurn, aUser, sessionStoreContract } from './sessionStore.contract.ts';

const available = requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);

const schemas: TestSchema[] = [];
const opened: SessionStore[] = [];
async function schema(): Promise<TestSchema> {
  const made = await createTestSchema('store');
  schemas.push(made);
  return made;
}
async function openAt(url: string): Promise<SessionStore> {
  const store = await openPostgresSessionStore(url);
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const s of schemas.splice(0)) await s.drop();
});

describe.skipIf(!available)('postgres store', () => {
  sessionStoreContract('postgres store', async () => {
    const own = await createTestSchema('contract');
    const store = await openPostgresSessionStore(own.url);
    return {
      store,
      reopen: () => openPostgresSessionStore(own.url),
      cleanup: async () => {
        await store.close();
        await own.drop();
      },
    };
  });

  it('lets exactly one of two stores (two server processes) store a turn index they both append at once', async () => {
    const { url } = await schema();
    const [one, two] = await Promise.all([openAt(url), openAt(url)]);
    const session = aSession();
    await one.createSession(session, aTurn(0));
    for (let index = 1; index <= 5; index++) {
      const [a, b] = await Promise.all([one.appendTurn(session.id, aTurn(index, { text: `one ${index}` })), two.appendTurn(session.id, aTurn(index, { text: `two ${index}` }))]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    }
    const turns = (await two.getSession(session.id))!.turns;
    expect(turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets one of two processes save a persona version number, and the other hear it', async () => {
    const { url } = await schema();
    const [one, two] = await Promise.all([openAt(url), openAt(url)]);
    const results = await Promise.all([one.savePersonaVersion(aPersonaVersion({ version: 2, savedBy: 'a' })), two.savePersonaVersion(aPersonaVersion({ version: 2, savedBy: 'b' }))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'conflict', latest: 2 }]);
  });

  it('migrates once when several processes start together', async () => {
    const { url } = await schema();
    const stores = await Promise.all([openAt(url), openAt(url), openAt(url)]);
    const user = aUser();
    await stores[0]!.createUser(user);
    expect(await stores[2]!.getUser(user.id)).toEqual(user);
  });

  it('fails to open with a message naming the database, its password hidden', async () => {
    const error = await openPostgresSessionStore('postgres://sparring:hunter2@127.0.0.1:1/test').then(
      () => new Error('opened'),
      (err: unknown) => err as Error,
    );
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('hunter2');
  });
});
