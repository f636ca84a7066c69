/**
 * The one contract every SessionStore passes (server/store/sessionStore.ts): the file store
 * and the Redis store each run it (fileSessionStore.test.ts, redisSessionStore.test.ts), so
 * the server behaves the same on either. Also exports the record builders those tests use.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionOutcome, SessionRecord, StoredTurn, User } from '../../server/store/records.ts';
import { summarize } from '../../server/store/records.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { CRITERIA, type ScoreReport, type TurnScore } from '../../server/scoring/types.ts';

export interface StoreUnderTest {
  store: SessionStore;
  /** Another store on the same data (files, Redis keys): after a restart, or beside this one. */
  reopen?: () => Promise<SessionStore>;
  cleanup: () => Promise<void>;
}

export function sessionStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name}: the SessionStore contract`, () => {
    let under: StoreUnderTest;
    let store: SessionStore;
    const others: SessionStore[] = [];
    beforeEach(async () => {
      under = await open();
      store = under.store;
    });
    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await under.cleanup();
    });
    /** A second store on the same data; the test is skipped where the harness offers none. */
    async function reopen(skip: (note?: string) => never): Promise<SessionStore> {
      if (!under.reopen) skip('this harness cannot reopen its store');
      const other = await under.reopen!();
      others.push(other);
      return other;
    }

    describe('users', () => {
      it('creates a user, then finds it by id and by username', async () => {
        const user = aUser();
        expect(await store.countUsers()).toBe(0);
        expect(await store.createUser(user)).toBe(true);
        expect(await store.getUser(user.id)).toEqual(user);
        expect(await store.findUserByUsername(user.username)).toEqual(user);
        expect(await store.countUsers()).toBe(1);
      });

      it('refuses a username that is taken, keeping the first user', async () => {
        const first = aUser({ username: 'mei' });
        expect(await store.createUser(first)).toBe(true);
        expect(await store.createUser(aUser({ username: 'mei', role: 'admin' }))).toBe(false);
        expect(await store.findUserByUsername('mei')).toEqual(first);
        expect(await store.countUsers()).toBe(1);
      });

      it('gives exactly one of two concurrent creations of one username', async () => {
        const results = await Promise.all([store.createUser(aUser({ username: 'twin' })), store.createUser(aUser({ username: 'twin' }))]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.countUsers()).toBe(1);
      });

      it('answers null for an unknown id or username', async () => {
        expect(await store.getUser('nobody')).toBeNull();
        expect(await store.findUserByUsername('nobody')).toBeNull();
      });

      it('lists every user, oldest first', async () => {
        const older = aUser({ username: 'older', createdAt: '2026-01-01T00:00:00.000Z' });
        const newer = aUser({ username: 'newer', createdAt: '2026-02-01T00:00:00.000Z' });
        await store.createUser(newer);
        await store.createUser(older);
        expect((await store.listUsers()).map((u) => u.username)).toEqual(['older', 'newer']);
      });
    });

    describe('sessions', () => {
      it('creates a session with its opening, and gets both back', async () => {
        const session = aSession();
        const opening = aTurn(0);
        await store.createSession(session, opening);
        expect(await store.getSession(session.id)).toEqual({ session, turns: [opening] });
      });

      it('refuses a second session with the same id', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        await expect(store.createSession({ ...session, personaId: 'other' }, aTurn(0, { text: 'other' }))).rejects.toThrow();
        expect((await store.getSession(session.id))?.session).toEqual(session);
      });

      it('answers null for an unknown session', async () => {
        expect(await store.getSession('no-such-session')).toBeNull();
      });

      it('lists sessions newest first, all or one trainee’s, as summaries', async () => {
        const a1 = aSession({ traineeId: 'trainee-a', startedAt: '2025-03-01T09:00:00.000Z' });
        const b1 = aSession({ traineeId: 'trainee-b', startedAt: '2025-03-01T09:05:00.000Z' });
        const a2 = aSession({ traineeId: 'trainee-a', startedAt: '2025-03-01T09:10:00.000Z' });
        for (const s of [a1, b1, a2]) await store.createSession(s, aTurn(0));
        expect(await store.listSessions()).toEqual([a2, b1, a1].map(summarize));
        expect(await store.listSessions({ traineeId: 'trainee-a' })).toEqual([a2, a1].map(summarize));
        expect(await store.listSessions({ traineeId: 'trainee-c' })).toEqual([]);
      });

      it('counts a trainee’s open sessions', async () => {
        const [x, y, z] = [aSession({ traineeId: 'ti' }), aSession({ traineeId: 'ti' }), aSession({ traineeId: 'other' })];
        for (const s of [x, y, z]) await store.createSession(s, aTurn(0));
        expect(await store.countOpenSessions('ti')).toBe(2);
        await store.endSession(x.id, anEnd());
        expect(await store.countOpenSessions('ti')).toBe(1);
        expect(await store.countOpenSessions('other')).toBe(1);
        expect(await store.countOpenSessions('nobody')).toBe(0);
      });

      it('appends turns in order and gives them back in order', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        for (let i = 1; i <= 4; i++) expect(await store.appendTurn(session.id, aTurn(i))).toEqual({ ok: true });
        expect((await store.getSession(session.id))?.turns).toEqual([0, 1, 2, 3, 4].map((i) => aTurn(i)));
      });

      it('answers a repeated index with the turn already stored, and stores nothing', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const first = aTurn(1, { text: 'first words' });
        expect(await store.appendTurn(session.id, first)).toEqual({ ok: true });
        expect(await store.appendTurn(session.id, aTurn(1, { text: 'sent again, differently' }))).toEqual({ ok: false, code: 'exists', existing: first });
        expect(await store.appendTurn(session.id, aTurn(0, { text: 'another opening' }))).toEqual({ ok: false, code: 'exists', existing: aTurn(0) });
        expect((await store.getSession(session.id))?.turns).toEqual([aTurn(0), first]);
      });

      it('answers a gap with out_of_order and the next index', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        expect(await store.appendTurn(session.id, aTurn(3))).toEqual({ ok: false, code: 'out_of_order', next: 1 });
        expect((await store.getSession(session.id))?.turns).toHaveLength(1);
      });

      it('answers not_found for an unknown session', async () => {
        expect(await store.appendTurn('no-such-session', aTurn(1))).toEqual({ ok: false, code: 'not_found' });
      });

      it('ends a session once, storing its report; a second end changes nothing', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        await store.appendTurn(session.id, aTurn(1));
        const end = anEnd({ overall: 72 });
        expect(await store.endSession(session.id, end)).toBe(true);
        expect(await store.endSession(session.id, anEnd({ overall: 10, outcome: 'abandoned' }))).toBe(false);
        const stored = await store.getSession(session.id);
        expect(stored?.session).toEqual({ ...session, ...end });
        expect(stored?.turns).toEqual([aTurn(0), aTurn(1)]);
        expect(await store.listSessions()).toEqual([{ ...summarize(session), endedAt: end.endedAt, outcome: 'resolved', overall: 72 }]);
      });

      it('answers false when ending an unknown session', async () => {
        expect(await store.endSession('no-such-session', anEnd())).toBe(false);
      });

      it('hands out copies: changing what it returned changes nothing stored', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const got = await store.getSession(session.id);
        got!.turns[0]!.text = 'changed';
        got!.turns.push(aTurn(1));
        expect(await store.getSession(session.id)).toEqual({ session, turns: [aTurn(0)] });
      });

      it('starts with no problems, and refuses calls once closed', async () => {
        expect(store.problems).toEqual([]);
        await store.close();
        await expect(store.countUsers()).rejects.toThrow(/closed/);
      });
    });

    describe('concurrency', () => {
      it('of many appends of one index at once, stores exactly one and answers the rest with it', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const tries = Array.from({ length: 25 }, (_, i) => aTurn(1, { text: `attempt ${i}` }));
        const results = await Promise.all(tries.map((t) => store.appendTurn(session.id, t)));
        const winners = results.flatMap((r, i) => (r.ok ? [tries[i]!] : []));
        expect(winners).toHaveLength(1);
        for (const r of results) if (!r.ok) expect(r).toEqual({ ok: false, code: 'exists', existing: winners[0] });
        expect((await store.getSession(session.id))?.turns).toEqual([aTurn(0), winners[0]]);
      });

      it('stores consecutive appends sent at once, in order', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => store.appendTurn(session.id, aTurn(i))));
        expect(results.every((r) => r.ok)).toBe(true);
        expect((await store.getSession(session.id))?.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      });

      it('ends a session once when two ends race', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const results = await Promise.all([store.endSession(session.id, anEnd()), store.endSession(session.id, anEnd({ outcome: 'escalated' }))]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.countOpenSessions(session.traineeId)).toBe(0);
      });
    });

    describe('persistence', () => {
      it('keeps everything across a close and a reopen', async ({ skip }) => {
        const users = [aUser(), aUser({ role: 'coach' })];
        for (const u of users) await store.createUser(u);
        const open = aSession({ startedAt: '2025-03-02T10:00:00.000Z' });
        const ended = aSession({ traineeId: open.traineeId, startedAt: '2025-03-02T09:00:00.000Z' });
        await store.createSession(open, aTurn(0));
        await store.appendTurn(open.id, aTurn(1));
        await store.createSession(ended, aTurn(0));
        await store.appendTurn(ended.id, aTurn(1));
        const end = anEnd({ overall: 55 });
        await store.endSession(ended.id, end);
        const before = { open: await store.getSession(open.id), ended: await store.getSession(ended.id), list: await store.listSessions() };
        await store.close();

        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect(await again.countUsers()).toBe(2);
        for (const u of users) {
          expect(await again.getUser(u.id)).toEqual(u);
          expect(await again.findUserByUsername(u.username)).toEqual(u);
        }
        expect(await again.createUser(aUser({ username: users[0]!.username }))).toBe(false);
        expect(await again.getSession(open.id)).toEqual(before.open);
        expect(await again.getSession(ended.id)).toEqual(before.ended);
        expect(await again.listSessions()).toEqual(before.list);
        expect(await again.listSessions({ traineeId: open.traineeId })).toEqual(before.list);
        expect(await again.countOpenSessions(open.traineeId)).toBe(1);
        expect(await again.appendTurn(open.id, aTurn(1, { text: 'again' }))).toEqual({ ok: false, code: 'exists', existing: aTurn(1) });
        expect(await again.appendTurn(open.id, aTurn(2))).toEqual({ ok: true });
        expect(await again.endSession(ended.id, anEnd())).toBe(false);
      });
    });

    describe('secrets', () => {
      it('creates a secret once and gives the same value after', async () => {
        let made = 0;
        const create = () => `value-${++made}`;
        expect(await store.secret('token-key', create)).toBe('value-1');
        expect(await store.secret('token-key', create)).toBe('value-1');
        expect(await store.secret('other-key', create)).toBe('value-2');
        expect(made).toBe(2);
      });

      it('gives the same value after a reopen', async ({ skip }) => {
        const value = await store.secret('token-key', () => randomUUID());
        await store.close();
        const again = await reopen(skip);
        expect(await again.secret('token-key', () => 'a different one')).toBe(value);
      });

      it('gives two stores on the same data the same value, even when both create it at once', async ({ skip }) => {
        const other = await reopen(skip);
        const [mine, theirs] = await Promise.all([store.secret('token-key', () => 'mine'), other.secret('token-key', () => 'theirs')]);
        expect(mine).toBe(theirs);
        expect(await other.secret('token-key', () => 'late')).toBe(mine);
      });
    });
  });
}

// ---- record builders ---------------------------------------------------------------------

export function aUser(over: Partial<User> = {}): User {
  const id = randomUUID();
  return { id, username: `user-${id.slice(0, 8)}`, role: 'trainee', passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', createdAt: '2025-03-01T08:00:00.000Z', ...over };
}

export function aSession(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomUUID(),
    traineeId: 'trainee-1',
    personaId: 'late-fee-complaint',
    personaVersion: 1,
    locale: 'en',
    scenario: 'complaint',
    mode: 'scripted',
    seed: 42,
    startedAt: '2025-03-01T09:00:00.000Z',
    endedAt: null,
    outcome: null,
    report: null,
    ...over,
  };
}

/** Turn `index`: the customer's on even indexes (with mood and state), the trainee's on odd (with a score). */
export function aTurn(index: number, over: Partial<StoredTurn> = {}): StoredTurn {
  const at = new Date(Date.UTC(2025, 2, 1, 9, 0, index)).toISOString();
  if (index % 2 === 1) return { index, role: 'trainee', text: `I understand, let me check that (${index}).`, at, score: aTurnScore(index), ...over };
  const mood = { anger: 6, trust: 3, confusion: 2 };
  return {
    index,
    role: 'customer',
    text: `Why was I charged a late fee? (${index}) 我不明白。`,
    at,
    mood,
    state: {
      personaId: 'late-fee-complaint',
      personaVersion: 1,
      locale: 'en',
      seed: 42,
      mood,
      steps: ['acknowledge'],
      revealed: [],
      heard: { 'empathy.emotion': 1 },
      hotTurns: 0,
      lostTurns: 0,
      traineeTurns: Math.floor(index / 2),
      outcome: null,
    },
    ...over,
  };
}

function aTurnScore(index: number): TurnScore {
  const criteria = {} as TurnScore['criteria'];
  for (const c of CRITERIA) criteria[c] = { score: 60, evidence: [], feedback: 'fine' };
  return { index, role: 'trainee', signals: ['empathy.emotion'], criteria, listening: { reflections: 1, open_questions: 0, closed_questions: 0 } };
}

export function anEnd(over: { overall?: number; outcome?: SessionOutcome } = {}): { endedAt: string; outcome: SessionOutcome; report: ScoreReport } {
  const report: ScoreReport = {
    locale: 'en',
    rubric: 'default',
    turns: [aTurnScore(1)],
    summary: {
      criteria: Object.fromEntries(CRITERIA.map((c) => [c, 60])) as ScoreReport['summary']['criteria'],
      complaint_steps: { covered: ['acknowledge'], in_order: true, missing: ['investigate', 'negotiate', 'follow_up'] },
      listening: { reflections: 1, open_questions: 0, closed_questions: 0, reflection_to_question_ratio: null, open_question_share: null },
      overall: over.overall ?? 60,
    },
  };
  return { endedAt: '2025-03-01T09:20:00.000Z', outcome: over.outcome ?? 'resolved', report };
}
