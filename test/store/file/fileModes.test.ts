/**
 * What the file store creates in DATA_DIR is its own account's alone: every file 0600, every
 * folder 0700 (server/store/file/fileModes.ts). Run with umask 000, so a mode that is not
 * passed explicitly at creation would show as world-readable here, whatever the machine's
 * umask: users with password hashes, a transcript, an ended session rewritten whole, a
 * review, the token key in secrets.json, a persona version, and DATA_DIR made at start.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../server/startup/checkDataDir.ts';
import { openFileSessionStore } from '../../../server/store/fileSessionStore.ts';
import { addSession, addUser, testContext } from '../../http/httpTestServer.ts';

let previousUmask: number;
let root: string;

beforeAll(() => {
  // Forked test workers own their process: the umask is this file's to set, and put back.
  previousUmask = process.umask(0o000);
  root = mkdtempSync(join(tmpdir(), 'sparring-modes-'));
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

/** Every entry under `dir` (itself excluded) with its permission bits, as `path mode` lines. */
function modesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => `${name} ${(statSync(join(dir, name)).mode & 0o777).toString(8)}`);
}

describe('files and folders in DATA_DIR', () => {
  it('are 0600 and 0700 for everything the store writes', async () => {
    const dataDir = join(root, 'store', 'data');
    // The server opens SQL now (below); the file store is still what `sparring migrate` reads
    // from, and what it writes must stay closed too. The context's own store is elsewhere.
    const { ctx: sqlCtx } = await testContext({}, join(root, 'context'));
    const ctx = { ...sqlCtx, store: await openFileSessionStore(dataDir) };
    await ctx.store.secret('token-key', () => 'a key');
    const trainee = await addUser(ctx.store, 'mei', 'trainee');
    const session = await addSession(ctx, trainee.id, { opening: 'Hello?', replies: [['I am sorry to hear that.', 'Fine.']], ended: true });
    await addSession(ctx, trainee.id, { opening: 'Still there?', replies: [] });
    await ctx.store.addReview({ id: randomUUID(), sessionId: session.id, authorId: trainee.id, authorName: 'mei', at: new Date().toISOString(), kind: 'comment', turnIndex: 1, text: 'ok' });
    const saved = await ctx.store.savePersonaVersion({ personaId: 'double-charge', locale: 'en', version: 1, text: 'id: double-charge', savedBy: 'mei', savedAt: new Date().toISOString() });
    expect(saved.ok).toBe(true);
    await ctx.store.close();

    const modes = modesUnder(dataDir);
    expect(modes).toEqual(expect.arrayContaining(['users.jsonl 600', 'secrets.json 600', 'reviews.jsonl 600', 'persona-versions.jsonl 600', 'sessions 700']));
    expect(modes.filter((line) => line.startsWith('sessions/'))).toHaveLength(2);
    for (const line of modes) expect(line).toMatch(line.startsWith('sessions ') ? / 700$/ : / 600$/);
    // Folders the store made on the way to DATA_DIR are closed too.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('are 0600 and 0700 for the SQLite database the server opens', async () => {
    const dataDir = join(root, 'sqlite', 'data');
    const { ctx } = await testContext({}, dataDir);
    const trainee = await addUser(ctx.store, 'mei', 'trainee');
    await addSession(ctx, trainee.id, { opening: 'Hello?', replies: [['I am sorry to hear that.', 'Fine.']], ended: true });
    // Read while the store is open, so the write-ahead log files are there to be checked too.
    const modes = modesUnder(dataDir);
    await ctx.store.close();

    expect(modes).toContain('sparring.db 600');
    for (const line of modes) expect(line).toMatch(/ 600$/);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('is made 0700 by the start-up check when it does not exist', () => {
    const dataDir = join(root, 'fresh', 'data');
    checkDataDir(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'fresh')).mode & 0o777).toBe(0o700);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
