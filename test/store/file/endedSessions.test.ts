/**
 * Ended sessions in the file store (server/store/file/endedSessions.ts), through the store:
 * memory holds each one's summary alone, whatever the number of sessions run, and its
 * record, report and turns come back from its file, the same as when they were held.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStats, openFileSessionStore } from '../../../server/store/fileSessionStore.ts';
import { summarize, type SessionRecord } from '../../../server/domain/records.ts';
import type { SessionStore } from '../../../server/store/sessionStore.ts';
import { anEnd, aSession, aTurn } from '../sessionStore.contract.ts';

const TURNS = 10;
const turns = Array.from({ length: TURNS }, (_, i) => aTurn(i));

let dir = '';
const opened: SessionStore[] = [];
async function openAt(at: string): Promise<SessionStore> {
  const store = await openFileSessionStore(at);
  opened.push(store);
  return store;
}
async function freshStore(): Promise<SessionStore> {
  dir = await mkdtemp(join(tmpdir(), 'sparring-ended-'));
  return openAt(dir);
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Creates a session, stores every turn (the customer's with their state, the trainee's with their scores), ends it. */
async function runSession(store: SessionStore, over: Partial<SessionRecord> = {}): Promise<SessionRecord> {
  const session = aSession(over);
  await store.createSession(session, turns[0]!);
  for (const turn of turns.slice(1)) expect(await store.appendTurn(session.id, turn)).toEqual({ ok: true });
  expect(await store.endSession(session.id, anEnd())).toBe(true);
  return { ...session, ...anEnd() };
}

/** `count` sessions run side by side, a batch at a time, as a busy centre does. */
async function runSessions(store: SessionStore, count: number): Promise<SessionRecord[]> {
  const ended: SessionRecord[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, k) => runSession(store, { traineeId: `trainee-${(i + k) % 40}` }));
    ended.push(...(await Promise.all(batch)));
  }
  return ended;
}

describe('file store: ended sessions', () => {
  it('holds thousands of ended sessions by their summaries alone, and reads each back whole, in this process and after a reopen', { timeout: 120_000 }, async () => {
    const store = await freshStore();
    const running = aSession({ traineeId: 'trainee-0' });
    await store.createSession(running, turns[0]!);
    await store.appendTurn(running.id, turns[1]!);
    const ended = await runSessions(store, 2000);

    // However many have ended, memory holds whole only the open one and the few kept recently.
    const stats = memoryStats(store);
    expect(stats).toMatchObject({ sessionsWhole: 1, sessionsSummarised: 2000 });
    expect(stats.endedKeptWhole).toBeLessThanOrEqual(64);
    expect(await store.listSessions()).toHaveLength(2001);
    expect(await store.countOpenSessions('trainee-0')).toBe(1);

    // The first ended long since left the kept ones: it comes back from its file, whole.
    const first = ended[0]!;
    expect(await store.getSession(first.id)).toEqual({ session: first, turns });
    expect((await store.listSessions({ traineeId: first.traineeId })).find((s) => s.id === first.id)).toEqual(summarize(first));
    expect(await store.getSession(running.id)).toEqual({ session: running, turns: turns.slice(0, 2) });

    const listed = await store.listSessions();
    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    expect(memoryStats(again)).toEqual({ sessionsWhole: 1, sessionsSummarised: 2000, endedKeptWhole: 0 });
    expect(await again.listSessions()).toEqual(listed);
    for (const s of [first, ended[1234]!, ended[1999]!]) expect(await again.getSession(s.id)).toEqual({ session: s, turns });
    expect(memoryStats(again).endedKeptWhole).toBe(3);
  });

  it('drops an ended session’s turns and report when it ends, keeping it whole only while it is among the recent', async () => {
    const store = await freshStore();
    const first = await runSession(store);
    expect(memoryStats(store)).toEqual({ sessionsWhole: 0, sessionsSummarised: 1, endedKeptWhole: 1 });
    await runSessions(store, 64);
    expect(memoryStats(store)).toEqual({ sessionsWhole: 0, sessionsSummarised: 65, endedKeptWhole: 64 });
    expect(await store.getSession(first.id)).toEqual({ session: first, turns });
  });

  it('reads a kept session’s file once, and a forgotten one afresh, saying which file failed', async () => {
    const store = await freshStore();
    const [first] = await runSessions(store, 1);
    const file = join(dir, 'sessions', `${first!.id}.jsonl`);
    expect(await store.getSession(first!.id)).toEqual({ session: first, turns });
    const text = await readFile(file, 'utf8');

    // While it is kept, the file is not read again: a damage done to it now goes unseen.
    await rm(file);
    expect(await store.getSession(first!.id)).toEqual({ session: first, turns });
    // Once 64 others have ended it is forgotten, and the missing file is named.
    await runSessions(store, 64);
    await expect(store.getSession(first!.id)).rejects.toThrow(file);
    // Put back, it is read again.
    await appendFile(file, text);
    expect(await store.getSession(first!.id)).toEqual({ session: first, turns });
  });

  it('hands out read-back records nobody can change the store through', async () => {
    const store = await freshStore();
    const [first] = await runSessions(store, 65);
    const got = (await store.getSession(first!.id))!;
    expect(() => (got.turns[1]!.score!.criteria.empathy.score = 0)).toThrow(TypeError);
    expect(() => (got.session.report!.summary.overall = 0)).toThrow(TypeError);
    got.turns.pop();
    const listed = (await store.listSessions()).find((s) => s.id === first!.id)!;
    listed.criteria!.empathy = 0;
    listed.overall = 0;
    expect(await store.getSession(first!.id)).toEqual({ session: first, turns });
    expect((await store.listSessions()).find((s) => s.id === first!.id)).toEqual(summarize(first!));
  });

  it('serves an ended session whose file was cut mid-line, reporting it once, at open', async () => {
    const store = await freshStore();
    const [first] = await runSessions(store, 1);
    await store.close();
    const file = join(dir, 'sessions', `${first!.id}.jsonl`);
    await appendFile(file, JSON.stringify({ turn: aTurn(TURNS) }).slice(0, 30));

    const again = await openAt(dir);
    expect(again.problems).toEqual([`${file}:${TURNS + 3}: incomplete last line (a write cut short), ignored; the file is rewritten on its next change`]);
    expect(await again.getSession(first!.id)).toEqual({ session: first, turns });
    expect(again.problems).toHaveLength(1);
  });

  it('still takes a late turn after the end, once, in order, also when it was sent as the session ended', async () => {
    const store = await freshStore();
    const [first] = await runSessions(store, 1);
    const late = aTurn(TURNS);
    expect(await store.appendTurn(first!.id, late)).toEqual({ ok: true });
    expect(await store.appendTurn(first!.id, aTurn(TURNS, { text: 'sent again' }))).toEqual({ ok: false, code: 'exists', existing: late });
    expect(await store.appendTurn(first!.id, aTurn(TURNS + 2))).toEqual({ ok: false, code: 'out_of_order', next: TURNS + 1 });
    expect((await store.getSession(first!.id))?.turns).toEqual([...turns, late]);

    const racing = aSession();
    await store.createSession(racing, turns[0]!);
    const [endedNow, appended] = await Promise.all([store.endSession(racing.id, anEnd()), store.appendTurn(racing.id, turns[1]!)]);
    expect([endedNow, appended]).toEqual([true, { ok: true }]);
    expect(memoryStats(store).sessionsWhole).toBe(0);

    await store.close();
    const again = await openAt(dir);
    expect(again.problems).toEqual([]);
    expect((await again.getSession(first!.id))?.turns).toEqual([...turns, late]);
    expect(await again.getSession(racing.id)).toEqual({ session: { ...racing, ...anEnd() }, turns: turns.slice(0, 2) });
  });
});
