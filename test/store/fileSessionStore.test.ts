/**
 * The file store (server/store/fileSessionStore.ts): the shared contract on a temporary
 * DATA_DIR, then what only files have: damage found at open, writes that fail, and turns
 * that survive a SIGKILL.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, stat, symlink, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openFileSessionStore } from '../../server/store/fileSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { aComment, anAssignment, anEnd, anOverride, aPersonaVersion, aSession, aTurn, aUser, sessionStoreContract } from './sessionStore.contract.ts';

const made: string[] = [];
const opened: SessionStore[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-store-'));
  made.push(dir);
  return dir;
}
async function openAt(dir: string): Promise<SessionStore> {
  const store = await openFileSessionStore(dir);
  opened.push(store);
  return store;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) await store.close();
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

sessionStoreContract('file store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-store-'));
  const store = await openFileSessionStore(dir);
  return {
    store,
    reopen: () => openFileSessionStore(dir),
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

/** Every line of the file is whole JSON, and the file ends with a newline. */
async function expectWholeLines(path: string): Promise<unknown[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

/** A DATA_DIR holding one session with turns 0..last, written by the store itself. */
async function withSession(last: number) {
  const dir = await dataDir();
  const session = aSession();
  const store = await openFileSessionStore(dir);
  await store.createSession(session, aTurn(0));
  for (let i = 1; i <= last; i++) await store.appendTurn(session.id, aTurn(i));
  await store.close();
  return { dir, session, file: join(dir, 'sessions', `${session.id}.jsonl`) };
}

describe('file store: damage found at open', () => {
  it('reports a session file cut mid-line, serves the rest, and repairs the file on the next append', async () => {
    const { dir, session, file } = await withSession(2);
    const whole = JSON.stringify({ turn: aTurn(3) });
    await appendFile(file, whole.slice(0, whole.length / 2));

    const store = await openAt(dir);
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toContain(`${file}:5: incomplete last line`);
    expect((await store.getSession(session.id))?.turns).toEqual([aTurn(0), aTurn(1), aTurn(2)]);
    expect(await store.appendTurn(session.id, aTurn(3))).toEqual({ ok: true });
    expect(await store.appendTurn(session.id, aTurn(4))).toEqual({ ok: true });

    expect(await expectWholeLines(file)).toHaveLength(6);
    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    expect((await again.getSession(session.id))?.turns).toEqual([0, 1, 2, 3, 4].map((i) => aTurn(i)));
  });

  it('reports an unparsable user line, serves the other users, and keeps a copy of the damaged file', async () => {
    const dir = await dataDir();
    const [ann, bo] = [aUser({ username: 'ann' }), aUser({ username: 'bo' })];
    const users = join(dir, 'users.jsonl');
    await writeFile(users, `${JSON.stringify(ann)}\n{"id": "x", oops\n${JSON.stringify(bo)}\n`);

    const store = await openAt(dir);
    expect(store.problems).toEqual([`${users}:2: not valid JSON; line ignored`]);
    expect(await store.findUserByUsername('ann')).toEqual(ann);
    expect(await store.findUserByUsername('bo')).toEqual(bo);
    expect(await store.countUsers()).toBe(2);
    expect(await store.createUser(aUser({ username: 'cy' }))).toBe(true);

    expect(await expectWholeLines(users)).toHaveLength(3);
    expect((await readdir(dir)).filter((n) => n.startsWith('users.jsonl.damaged-'))).toHaveLength(1);
    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    expect(await again.countUsers()).toBe(3);
  });

  it('reports records that fail the schemas, with file, line and field, and serves the rest', async () => {
    const { dir, session, file } = await withSession(2);
    // Turn 1 with a mood off the scale: that line is left out; turn 2 is served after the gap.
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    lines[2] = JSON.stringify({ turn: aTurn(1, { mood: { anger: 99, trust: 1, confusion: 1 } }) });
    await writeFile(file, `${lines.join('\n')}\n`);
    // A second session whose record has a locale the schema does not know: skipped whole.
    const bad = aSession({ locale: 'fr' as never });
    const badFile = join(dir, 'sessions', `${bad.id}.jsonl`);
    await writeFile(badFile, `${JSON.stringify({ session: bad })}\n${JSON.stringify({ turn: aTurn(0) })}\n`);

    const store = await openAt(dir);
    expect(store.problems).toContainEqual(expect.stringMatching(new RegExp(`^${escape(file)}:3: turn\\.mood\\.anger: .*; line ignored$`)));
    expect(store.problems).toContainEqual(`${file}:4: turn 2 follows turn 0: turn 1 is missing`);
    expect(store.problems).toContainEqual(expect.stringMatching(new RegExp(`^${escape(badFile)}:1: session\\.locale: `)));
    expect(store.problems).toContainEqual(`${badFile}: has no valid session record on its first line; session skipped`);
    expect((await store.getSession(session.id))?.turns).toEqual([aTurn(0), aTurn(2)]);
    expect(await store.getSession(bad.id)).toBeNull();
    expect((await store.listSessions()).map((s) => s.id)).toEqual([session.id]);
    // The next index follows the last turn, never the lost one's; the file is rewritten whole,
    // without the lines left out (a copy of it kept beside it).
    expect(await store.appendTurn(session.id, aTurn(1))).toEqual({ ok: false, code: 'out_of_order', next: 3 });
    expect(await store.appendTurn(session.id, aTurn(3))).toEqual({ ok: true });
    expect(await expectWholeLines(file)).toEqual([{ session }, { turn: aTurn(0) }, { turn: aTurn(2) }, { turn: aTurn(3) }]);
    expect((await readdir(join(dir, 'sessions'))).filter((n) => n.startsWith(`${session.id}.jsonl.damaged-`))).toHaveLength(1);
    // The skipped session's file is not overwritten by a new session of the same id.
    await expect(store.createSession({ ...bad, locale: 'en' }, aTurn(0))).rejects.toThrow(/already exists on disk/);
  });

  it('serves every readable turn around a garbled middle line, names the line, and goes on appending after the last turn', async () => {
    const { dir, session, file } = await withSession(5);
    // Turn 3's line garbled (a bad sector, a hand edit): not JSON at all.
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    lines[4] = '{"turn":{"index":3,"role":"tra\u0000\u0000\u0000';
    await writeFile(file, `${lines.join('\n')}\n`);

    const store = await openAt(dir);
    expect(store.problems).toEqual([`${file}:5: not valid JSON; line ignored`, `${file}:6: turn 4 follows turn 2: turn 3 is missing`]);
    // Before and after the bad line: every turn that can be read, with its own index.
    expect((await store.getSession(session.id))?.turns.map((t) => t.index)).toEqual([0, 1, 2, 4, 5]);
    // A resend of an index stored after the gap finds it stored; the lost index is not reused.
    expect(await store.appendTurn(session.id, aTurn(4))).toEqual({ ok: false, code: 'exists', existing: aTurn(4) });
    expect(await store.appendTurn(session.id, aTurn(3))).toEqual({ ok: false, code: 'out_of_order', next: 6 });
    expect(await store.appendTurn(session.id, aTurn(6))).toEqual({ ok: true });
    expect(await store.endSession(session.id, anEnd())).toBe(true);
    await store.close();

    // The rewritten file reads back the same (the gap is still told), and the damaged one is kept.
    const again = await openAt(dir);
    expect(again.problems).toEqual([`${file}:5: turn 4 follows turn 2: turn 3 is missing`]);
    expect((await again.getSession(session.id))?.turns.map((t) => t.index)).toEqual([0, 1, 2, 4, 5, 6]);
    expect((await readdir(join(dir, 'sessions'))).filter((n) => n.startsWith(`${session.id}.jsonl.damaged-`))).toHaveLength(1);
    await again.close();
  });

  it('reports a secrets file that is not JSON and creates the secret afresh, keeping a copy', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'secrets.json'), '{"token-key": ', { mode: 0o600 });
    const store = await openAt(dir);
    expect(store.problems).toEqual([`${join(dir, 'secrets.json')}: not valid JSON; a copy is kept and secrets are created afresh when next needed`]);
    expect(await store.secret('token-key', () => 'fresh')).toBe('fresh');
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'token-key': 'fresh' });
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((n) => n.startsWith('secrets.json.damaged-'))).toHaveLength(1);
  });
});

describe('file store: the coach and QA records at open', () => {
  it('reports a torn last line in the reviews, assignments and persona-versions files, serves the rest, and repairs each on its next write', async () => {
    const dir = await dataDir();
    const session = aSession();
    const store = await openAt(dir);
    await store.createSession(session, aTurn(0));
    const review = aComment(session.id);
    const assignment = anAssignment();
    const version = aPersonaVersion({ version: 1 });
    await store.addReview(review);
    await store.createAssignment(assignment);
    await store.savePersonaVersion(version);
    await store.close();
    const files = ['reviews.jsonl', 'assignments.jsonl', 'persona-versions.jsonl'].map((n) => join(dir, n));
    for (const [file, cut] of [
      [files[0]!, anOverride(session.id)],
      [files[1]!, anAssignment()],
      [files[2]!, aPersonaVersion({ version: 2 })],
    ] as const) {
      const whole = JSON.stringify(cut);
      await appendFile(file, whole.slice(0, whole.length - 10));
    }

    const again = await openAt(dir);
    expect(again.problems).toEqual(files.map((f) => `${f}:2: incomplete last line (a write cut short), ignored; the file is rewritten on its next change`));
    expect(await again.listReviews(session.id)).toEqual([review]);
    expect(await again.listAssignments()).toEqual([assignment]);
    expect(await again.listPersonaVersions()).toEqual([version]);

    const later = { review: anOverride(session.id), assignment: anAssignment({ createdAt: '2025-03-05T08:00:00.000Z' }), version: aPersonaVersion({ version: 2 }) };
    expect(await again.addReview(later.review)).toBe(true);
    await again.createAssignment(later.assignment);
    expect(await again.savePersonaVersion(later.version)).toEqual({ ok: true });
    for (const file of files) expect(await expectWholeLines(file)).toHaveLength(2);
    await again.close();
    const third = await openAt(dir);
    expect(third.problems).toEqual([]);
    expect(await third.listReviews(session.id)).toEqual([review, later.review]);
    expect(await third.listAssignments()).toEqual([later.assignment, assignment]);
    expect(await third.listPersonaVersions()).toEqual([version, later.version]);
  });

  it('reports a persona version out of sequence and a duplicate review, keeping a copy of each file before its rewrite', async () => {
    const dir = await dataDir();
    const session = aSession();
    const first = await openAt(dir);
    await first.createSession(session, aTurn(0));
    await first.close();
    const [v1, v3, v2] = [aPersonaVersion({ version: 1 }), aPersonaVersion({ version: 3 }), aPersonaVersion({ version: 2 })];
    const versions = join(dir, 'persona-versions.jsonl');
    await writeFile(versions, [v1, v3, v2].map((v) => `${JSON.stringify(v)}\n`).join(''));
    const review = aComment(session.id);
    const reviews = join(dir, 'reviews.jsonl');
    await writeFile(reviews, `${JSON.stringify(review)}\n${JSON.stringify({ ...review, text: 'again' })}\n`);

    const store = await openAt(dir);
    expect(store.problems).toEqual([
      `${reviews}:2: review ${review.id} is stored twice; the first is kept`,
      `${versions}:3: version 2 of persona late-fee-complaint (en) after version 3; line ignored`,
    ]);
    expect(await store.listPersonaVersions()).toEqual([v1, v3]);
    expect(await store.listReviews(session.id)).toEqual([review]);
    expect(await store.savePersonaVersion(aPersonaVersion({ version: 4 }))).toEqual({ ok: true });
    expect(await expectWholeLines(versions)).toHaveLength(3);
    expect((await readdir(dir)).filter((n) => n.startsWith('persona-versions.jsonl.damaged-'))).toHaveLength(1);
  });

  it('reads a session file written before sessions had an assignment or a tryout mark', async () => {
    const dir = await dataDir();
    await mkdir(join(dir, 'sessions'));
    const older = aSession();
    const file = join(dir, 'sessions', `${older.id}.jsonl`);
    await writeFile(file, [{ session: older }, { turn: aTurn(0) }, { turn: aTurn(1) }, { end: anEnd() }].map((l) => `${JSON.stringify(l)}\n`).join(''));
    const store = await openAt(dir);
    expect(store.problems).toEqual([]);
    expect(await store.getSession(older.id)).toEqual({ session: { ...older, ...anEnd() }, turns: [aTurn(0), aTurn(1)] });
    expect((await store.listSessions())[0]).toMatchObject({ assignmentId: null, tryout: false, overall: 60 });
  });
});

describe('file store: open files', () => {
  it.skipIf(!existsSync('/proc/self/fd'))('keeps at most maxOpenFiles session files open, and closes a session’s file when it ends', async () => {
    const dir = await dataDir();
    const store = await openFileSessionStore(dir, { maxOpenFiles: 2 });
    opened.push(store);
    const sessions = [aSession(), aSession(), aSession(), aSession()];
    for (const s of sessions) await store.createSession(s, aTurn(0));
    for (let index = 1; index <= 3; index++) {
      for (const s of sessions) expect(await store.appendTurn(s.id, aTurn(index))).toEqual({ ok: true });
      expect(await openFilesUnder(join(dir, 'sessions'))).toBeLessThanOrEqual(2);
    }
    for (const s of sessions) await store.endSession(s.id, anEnd());
    expect(await openFilesUnder(join(dir, 'sessions'))).toBe(0);
    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    for (const s of sessions) expect((await again.getSession(s.id))?.turns).toEqual([0, 1, 2, 3].map((i) => aTurn(i)));
  });

  it('closes every kept file when the store closes', async () => {
    const { dir, session } = await withSession(1);
    const store = await openFileSessionStore(dir);
    await store.appendTurn(session.id, aTurn(2));
    await store.close();
    if (existsSync('/proc/self/fd')) expect(await openFilesUnder(dir)).toBe(0);
  });
});

describe('file store: writes that fail', () => {
  it('rejects at open when DATA_DIR is a file, naming it', async () => {
    const dir = await dataDir();
    const notADir = join(dir, 'data');
    await writeFile(notADir, 'not a directory');
    await expect(openFileSessionStore(notADir)).rejects.toThrow(`data directory ${notADir} cannot be used`);
  });

  it('rejects an append it cannot write, and leaves the session as it was', async () => {
    const { dir, session, file } = await withSession(1);
    const store = await openAt(dir);
    const before = await readFile(file);
    // Root ignores file modes, so make the path unwritable another way: a directory in its place.
    await rm(file);
    await mkdir(file);
    await expect(store.appendTurn(session.id, aTurn(2))).rejects.toThrow(/EISDIR/);
    await expect(store.endSession(session.id, anEnd())).rejects.toThrow(/EISDIR/);
    expect((await store.getSession(session.id))?.turns).toEqual([aTurn(0), aTurn(1)]);
    expect((await store.getSession(session.id))?.session.endedAt).toBeNull();

    await rm(file, { recursive: true });
    await writeFile(file, before);
    expect(await store.appendTurn(session.id, aTurn(2))).toEqual({ ok: true });
    expect(await expectWholeLines(file)).toHaveLength(4);
  });

  it('cuts a write that fails halfway (disk full) back to the last whole line', async () => {
    const { dir, session, file } = await withSession(1);
    const store = await openAt(dir);
    const before = await readFile(file, 'utf8');
    const proto = await fileHandlePrototype(file);
    const write = proto.write;
    vi.spyOn(proto, 'write').mockImplementationOnce(async function (this: FileHandle, data: Uint8Array) {
      await write.call(this, data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });

    await expect(store.appendTurn(session.id, aTurn(2))).rejects.toThrow(/ENOSPC/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await store.getSession(session.id))?.turns).toHaveLength(2);
    expect(await store.appendTurn(session.id, aTurn(2))).toEqual({ ok: true });
    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    expect((await again.getSession(session.id))?.turns).toEqual([aTurn(0), aTurn(1), aTurn(2)]);
  });

  it('treats a short write as a failure too', async () => {
    const { dir, session, file } = await withSession(1);
    const store = await openAt(dir);
    const before = await readFile(file, 'utf8');
    const proto = await fileHandlePrototype(file);
    const write = proto.write;
    vi.spyOn(proto, 'write').mockImplementationOnce(function (this: FileHandle, data: Uint8Array) {
      return write.call(this, data.subarray(0, 5));
    });
    await expect(store.appendTurn(session.id, aTurn(2))).rejects.toThrow(/short write/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it.skipIf(!existsSync('/dev/full'))('rejects on a real full device, and the next append writes the file whole', async () => {
    const { dir, session, file } = await withSession(1);
    const store = await openAt(dir);
    await rm(file);
    await symlink('/dev/full', file);
    await expect(store.appendTurn(session.id, aTurn(2))).rejects.toThrow(/ENOSPC/);
    expect((await store.getSession(session.id))?.turns).toHaveLength(2);
    // /dev/full cannot be cut back, so the store rewrites the file from memory next time,
    // replacing the link with a real file.
    expect(await store.appendTurn(session.id, aTurn(2))).toEqual({ ok: true });
    expect(await expectWholeLines(file)).toEqual([{ session }, { turn: aTurn(0) }, { turn: aTurn(1) }, { turn: aTurn(2) }]);
  });

  it('refuses a session id that is not a safe file name', async () => {
    const store = await openAt(await dataDir());
    await expect(store.createSession(aSession({ id: '../escape' }), aTurn(0))).rejects.toThrow(/file name/);
  });

  it('reports a secrets file others can read', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'secrets.json'), '{"token-key":"k"}\n');
    await chmod(join(dir, 'secrets.json'), 0o644);
    const store = await openAt(dir);
    expect(store.problems).toEqual([`${join(dir, 'secrets.json')}: readable by others (mode 644); chmod 600 it`]);
    expect(await store.secret('token-key', () => 'new')).toBe('k');
  });
});

describe('file store: durability', () => {
  it('keeps every acknowledged turn when the process is killed with SIGKILL', async () => {
    const dir = await dataDir();
    const session = aSession();
    const moduleUrl = new URL('../../server/store/fileSessionStore.ts', import.meta.url).href;
    const program = `
      import { openFileSessionStore } from ${JSON.stringify(moduleUrl)};
      const [dir, session, opening, turn] = JSON.parse(process.argv[1]);
      const store = await openFileSessionStore(dir);
      await store.createSession(session, opening);
      for (let index = 1; ; index++) {
        const result = await store.appendTurn(session.id, { ...turn, index });
        if (result.ok) process.stdout.write('acked ' + index + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program, JSON.stringify([dir, session, aTurn(0), aTurn(1)])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = 0;
    await new Promise<void>((done, fail) => {
      child.on('error', fail);
      child.on('exit', () => done());
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/acked (\d+)/g)) acked = Math.max(acked, Number(m[1]));
        if (acked >= 30) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');

    const store = await openAt(dir);
    for (const problem of store.problems) expect(problem).toMatch(/incomplete last line/);
    const turns = (await store.getSession(session.id))?.turns ?? [];
    expect(turns.length - 1).toBeGreaterThanOrEqual(acked);
    expect(turns.map((t) => t.index)).toEqual(turns.map((_, i) => i));
  });
});

/** How many of this process's open file descriptors point into `dir` (Linux: /proc/self/fd). */
async function openFilesUnder(dir: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(join('/proc/self/fd', fd)).catch(() => '');
    if (target.startsWith(`${dir}/`)) count++;
  }
  return count;
}

type Write = (this: FileHandle, data: Uint8Array, offset?: number, length?: number) => Promise<{ bytesWritten: number }>;

/** FileHandle's class is not exported; its prototype, which the store's writes go through, is reached through a handle. */
async function fileHandlePrototype(path: string): Promise<{ write: Write }> {
  const handle = await open(path, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle) as { write: Write };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
