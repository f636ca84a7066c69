/**
 * The SQL store on SQLite (server/store/sqlSessionStore.ts): the shared contract on a
 * temporary DATA_DIR, then what the embedded database promises: its file readable by its
 * owner only, durable settings, and a schema migrated once however often it opens.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteSessionStore } from '../../server/store/sqlSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { aSession, aTurn, aUser, sessionStoreContract } from './sessionStore.contract.ts';

const made: string[] = [];
const opened: SessionStore[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-sqlite-'));
  made.push(dir);
  return dir;
}
async function openAt(dir: string): Promise<SessionStore> {
  const store = await openSqliteSessionStore(dir);
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

sessionStoreContract('sqlite store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-sqlite-'));
  const store = await openSqliteSessionStore(dir);
  return {
    store,
    reopen: () => openSqliteSessionStore(dir),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store: the database file', () => {
  it('creates sparring.db in DATA_DIR (and DATA_DIR itself), readable and writable by its owner only', async () => {
    const dir = join(await dataDir(), 'not-yet');
    const store = await openAt(dir);
    await store.createUser(aUser());
    expect((await stat(join(dir, 'sparring.db'))).mode & 0o777).toBe(0o600);
  });

  it('keeps the database in WAL mode with full sync, so a committed turn survives a crash', async () => {
    const dir = await dataDir();
    const store = await openAt(dir);
    const session = aSession();
    await store.createSession(session, aTurn(0));
    const peek = new Database(join(dir, 'sparring.db'), { readonly: true });
    try {
      expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
      // What the store wrote is there for another connection before the store closes.
      expect(peek.prepare('select count(*) as n from turns where session_id = ?').get(session.id)).toEqual({ n: 1 });
    } finally {
      peek.close();
    }
  });

  it('migrates once: a second open of the same file keeps the records and adds no schema version', async () => {
    const dir = await dataDir();
    const first = await openSqliteSessionStore(dir);
    const user = aUser();
    await first.createUser(user);
    await first.close();
    const again = await openAt(dir);
    expect(await again.getUser(user.id)).toEqual(user);
    const peek = new Database(join(dir, 'sparring.db'), { readonly: true });
    try {
      expect(peek.prepare('select name from kysely_migration order by name').all()).toEqual([{ name: '0001_records' }, { name: '0002_revoked_tokens' }]);
    } finally {
      peek.close();
    }
  });

  it('refuses a DATA_DIR that is a file, naming it', async () => {
    const dir = await dataDir();
    const notADir = join(dir, 'sparring.db');
    await (await openAt(dir)).close();
    await expect(openSqliteSessionStore(notADir)).rejects.toThrow(notADir);
  });
});
