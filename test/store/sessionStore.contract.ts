/**
 * The one contract every SessionStore passes (server/store/sessionStore.ts): the file store
 * and the Redis store each run it (fileSessionStore.test.ts, redisSessionStore.test.ts), so
 * the server behaves the same on either. Also exports the record builders those tests use.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, CommentEntry, OverrideEntry, PersonaVersion, SessionOutcome, SessionRecord, StoredTurn, User } from '../../server/domain/records.ts';
import { summarize } from '../../server/domain/records.ts';
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
        expect(await store.listSessions()).toEqual([summarize({ ...session, ...end })]);
        expect((await store.listSessions())[0]).toMatchObject({ endedAt: end.endedAt, outcome: 'resolved', overall: 72, criteria: end.report.summary.criteria });
      });

      it('answers false when ending an unknown session', async () => {
        expect(await store.endSession('no-such-session', anEnd())).toBe(false);
      });

      it('hands out records nobody can change the store through, in arrays that are the caller’s own', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        await store.endSession(session.id, anEnd());
        const got = (await store.getSession(session.id))!;
        tryToChange(() => (got.turns[0]!.text = 'changed'));
        tryToChange(() => (got.turns[0]!.state!.mood.anger = 0));
        tryToChange(() => got.turns[0]!.state!.steps.push('negotiate'));
        tryToChange(() => (got.session.personaId = 'changed'));
        tryToChange(() => (got.session.report!.summary.overall = 0));
        got.turns.push(aTurn(1));
        expect(await store.getSession(session.id)).toEqual({ session: { ...session, ...anEnd() }, turns: [aTurn(0)] });
      });

      it('stores and gives back a session’s assignment and tryout marks', async () => {
        const assigned = aSession({ assignmentId: 'assignment-1', startedAt: '2025-03-01T09:00:00.000Z' });
        const tryout = aSession({ tryout: true, startedAt: '2025-03-01T09:01:00.000Z' });
        for (const s of [assigned, tryout]) await store.createSession(s, aTurn(0));
        expect((await store.getSession(assigned.id))?.session).toEqual(assigned);
        expect((await store.getSession(tryout.id))?.session).toEqual(tryout);
        expect((await store.listSessions()).map((s) => [s.assignmentId, s.tryout])).toEqual([
          [null, true],
          ['assignment-1', false],
        ]);
      });

      it('reads a session stored without the assignment and tryout fields, as an older store wrote it', async ({ skip }) => {
        const older = aSession();
        expect('assignmentId' in older || 'tryout' in older).toBe(false);
        await store.createSession({ ...older, assignmentId: undefined, tryout: undefined } as SessionRecord, aTurn(0));
        await store.endSession(older.id, anEnd());
        await store.close();
        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect((await again.getSession(older.id))?.session).toEqual({ ...older, ...anEnd() });
        expect((await again.listSessions())[0]).toMatchObject({ id: older.id, assignmentId: null, tryout: false });
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

    describe('reviews', () => {
      it('adds comments and overrides to a session and lists them oldest first, one session’s only', async () => {
        const [session, other] = [aSession(), aSession()];
        for (const s of [session, other]) await store.createSession(s, aTurn(0));
        const entries = [aComment(session.id, { turnIndex: 0 }), anOverride(session.id), aComment(session.id, { text: 'better' })];
        for (const e of entries) expect(await store.addReview(e)).toBe(true);
        expect(await store.addReview(aComment(other.id))).toBe(true);
        expect(await store.listReviews(session.id)).toEqual(entries);
        expect(await store.listReviews(other.id)).toHaveLength(1);
        expect(await store.listReviews('no-such-session')).toEqual([]);
      });

      it('refuses a review of an unknown session, and stores nothing', async () => {
        expect(await store.addReview(aComment('no-such-session'))).toBe(false);
        expect(await store.listReviews('no-such-session')).toEqual([]);
        // Not even once the session exists: nothing was kept aside for it.
        const session = aSession({ id: 'no-such-session' });
        await store.createSession(session, aTurn(0));
        expect(await store.listReviews(session.id)).toEqual([]);
      });

      it('stores an entry sent twice (same id) once', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const entry = aComment(session.id);
        expect(await Promise.all([store.addReview(entry), store.addReview(entry)])).toEqual([true, true]);
        expect(await store.listReviews(session.id)).toEqual([entry]);
      });

      it('refuses an entry that fails the schema', async () => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        await expect(store.addReview({ ...anOverride(session.id), score: 101 })).rejects.toThrow();
        expect(await store.listReviews(session.id)).toEqual([]);
      });

      it('keeps reviews across a close and a reopen', async ({ skip }) => {
        const session = aSession();
        await store.createSession(session, aTurn(0));
        const entries = [aComment(session.id), anOverride(session.id)];
        for (const e of entries) await store.addReview(e);
        await store.close();
        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect(await again.listReviews(session.id)).toEqual(entries);
        const later = aComment(session.id, { text: 'after the restart' });
        expect(await again.addReview(later)).toBe(true);
        expect(await again.listReviews(session.id)).toEqual([...entries, later]);
      });
    });

    describe('assignments', () => {
      it('creates an assignment and gets it back', async () => {
        const assignment = anAssignment();
        await store.createAssignment(assignment);
        expect(await store.getAssignment(assignment.id)).toEqual(assignment);
        expect(await store.getAssignment('no-such-assignment')).toBeNull();
      });

      it('refuses a second assignment with the same id, keeping the first', async () => {
        const assignment = anAssignment();
        await store.createAssignment(assignment);
        await expect(store.createAssignment({ ...assignment, note: 'other' })).rejects.toThrow();
        expect(await store.getAssignment(assignment.id)).toEqual(assignment);
        expect(await store.listAssignments()).toHaveLength(1);
      });

      it('lists assignments newest first, all or those naming one trainee', async () => {
        const first = anAssignment({ traineeIds: ['ann', 'bo'], createdAt: '2025-03-01T09:00:00.000Z' });
        const second = anAssignment({ traineeIds: ['bo'], createdAt: '2025-03-02T09:00:00.000Z' });
        const third = anAssignment({ traineeIds: ['cy', 'ann'], createdAt: '2025-03-03T09:00:00.000Z' });
        for (const a of [second, third, first]) await store.createAssignment(a);
        expect(await store.listAssignments()).toEqual([third, second, first]);
        expect(await store.listAssignments({ traineeId: 'ann' })).toEqual([third, first]);
        expect(await store.listAssignments({ traineeId: 'bo' })).toEqual([second, first]);
        expect(await store.listAssignments({ traineeId: 'nobody' })).toEqual([]);
      });

      it('keeps assignments across a close and a reopen', async ({ skip }) => {
        const assignments = [anAssignment({ createdAt: '2025-03-01T09:00:00.000Z' }), anAssignment({ createdAt: '2025-03-02T09:00:00.000Z', traineeIds: ['bo'] })];
        for (const a of assignments) await store.createAssignment(a);
        await store.close();
        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect(await again.getAssignment(assignments[0]!.id)).toEqual(assignments[0]);
        expect(await again.listAssignments()).toEqual([assignments[1], assignments[0]]);
        expect(await again.listAssignments({ traineeId: 'bo' })).toEqual([assignments[1]]);
      });
    });

    describe('persona versions', () => {
      it('saves any first number, then only higher ones, and lists them oldest first', async () => {
        const v3 = aPersonaVersion({ version: 3 });
        expect(await store.savePersonaVersion(v3)).toEqual({ ok: true });
        expect(await store.savePersonaVersion(aPersonaVersion({ version: 3 }))).toEqual({ ok: false, code: 'conflict', latest: 3 });
        expect(await store.savePersonaVersion(aPersonaVersion({ version: 2 }))).toEqual({ ok: false, code: 'conflict', latest: 3 });
        // A higher number than the next may come: a shipped file can be ahead of the saved versions.
        const v5 = aPersonaVersion({ version: 5, text: 'id: late-fee-complaint\nversion: 5\n' });
        expect(await store.savePersonaVersion(v5)).toEqual({ ok: true });
        expect(await store.savePersonaVersion(aPersonaVersion({ version: 4 }))).toEqual({ ok: false, code: 'conflict', latest: 5 });
        expect(await store.listPersonaVersions()).toEqual([v3, v5]);
      });

      it('numbers each persona and locale on its own, and lists one persona’s when asked', async () => {
        const en = aPersonaVersion({ version: 1 });
        const zh = aPersonaVersion({ version: 7, locale: 'zh-Hant' });
        const other = aPersonaVersion({ personaId: 'loan-refusal', version: 1 });
        const en2 = aPersonaVersion({ version: 2 });
        for (const v of [en, zh, other, en2]) expect(await store.savePersonaVersion(v)).toEqual({ ok: true });
        expect(await store.listPersonaVersions()).toEqual([en, zh, other, en2]);
        expect(await store.listPersonaVersions({ personaId: 'late-fee-complaint' })).toEqual([en, zh, en2]);
        expect(await store.listPersonaVersions({ personaId: 'nobody' })).toEqual([]);
      });

      it('lets exactly one of two saves of the same number win; the other hears the latest', async () => {
        await store.savePersonaVersion(aPersonaVersion({ version: 1 }));
        const [a, b] = [aPersonaVersion({ version: 2, savedBy: 'qa-a' }), aPersonaVersion({ version: 2, savedBy: 'qa-b' })];
        const results = await Promise.all([store.savePersonaVersion(a), store.savePersonaVersion(b)]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'conflict', latest: 2 }]);
        const winner = results[0]!.ok ? a : b;
        expect((await store.listPersonaVersions()).map((v) => v.savedBy)).toEqual(['qa', winner.savedBy]);
      });

      it('lets exactly one of two first saves of one number win', async () => {
        const results = await Promise.all([store.savePersonaVersion(aPersonaVersion({ version: 4 })), store.savePersonaVersion(aPersonaVersion({ version: 4 }))]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await store.listPersonaVersions()).toHaveLength(1);
      });

      it('keeps versions and their numbering across a close and a reopen', async ({ skip }) => {
        const saved = [aPersonaVersion({ version: 1 }), aPersonaVersion({ version: 2 })];
        for (const v of saved) await store.savePersonaVersion(v);
        await store.close();
        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect(await again.listPersonaVersions()).toEqual(saved);
        expect(await again.savePersonaVersion(aPersonaVersion({ version: 2 }))).toEqual({ ok: false, code: 'conflict', latest: 2 });
        expect(await again.savePersonaVersion(aPersonaVersion({ version: 3 }))).toEqual({ ok: true });
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

    describe('account changes', () => {
      it('changes an account and raises its token version only when asked, one per change', async () => {
        const user = aUser();
        await store.createUser(user);
        expect(await store.updateUser(user.id, { role: 'coach' })).toEqual({ ...user, role: 'coach' });
        const disabled = await store.updateUser(user.id, { disabled: true }, { revokeTokens: true });
        expect(disabled).toEqual({ ...user, role: 'coach', disabled: true, tokenVersion: 1 });
        await Promise.all([
          store.updateUser(user.id, { passwordHash: 'scrypt$1$1$1$YQ==$Yg==', mustChangePassword: true }, { revokeTokens: true }),
          store.updateUser(user.id, { disabled: false }, { revokeTokens: true }),
        ]);
        const now = await store.getUser(user.id);
        expect(now).toEqual({ ...user, role: 'coach', disabled: false, passwordHash: 'scrypt$1$1$1$YQ==$Yg==', mustChangePassword: true, tokenVersion: 3 });
        expect(await store.findUserByUsername(user.username)).toEqual(now);
        expect(await store.countUsers()).toBe(1);
        expect(await store.listUsers()).toEqual([now]);
      });

      it('answers null for an unknown user, creating nothing', async () => {
        expect(await store.updateUser('nobody', { disabled: true }, { revokeTokens: true })).toBeNull();
        expect(await store.countUsers()).toBe(0);
      });

      it('keeps a changed account across a reopen', async ({ skip }) => {
        const user = aUser();
        await store.createUser(user);
        const changed = await store.updateUser(user.id, { role: 'qa', disabled: true }, { revokeTokens: true });
        await store.close();
        const again = await reopen(skip);
        expect(again.problems).toEqual([]);
        expect(await again.getUser(user.id)).toEqual(changed);
        expect(await again.findUserByUsername(user.username)).toEqual(changed);
        expect(await again.createUser(aUser({ username: user.username }))).toBe(false);
      });
    });

    describe('signed-out tokens', () => {
      it('remembers a signed-out token until it expires, and no other', async () => {
        await store.revokeToken('jti-1', Date.now() + 60_000);
        await store.revokeToken('jti-1', Date.now() + 60_000);
        expect(await store.isTokenRevoked('jti-1')).toBe(true);
        expect(await store.isTokenRevoked('jti-2')).toBe(false);
      });

      it('keeps them across a reopen', async ({ skip }) => {
        await store.revokeToken('jti-kept', Date.now() + 60_000);
        await store.close();
        const again = await reopen(skip);
        expect(await again.isTokenRevoked('jti-kept')).toBe(true);
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

/** Runs a change to something a store handed out: a frozen record refuses it (TypeError), a copy takes it. */
function tryToChange(change: () => unknown): void {
  try {
    change();
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
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
      wholeCall: {},
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

export function aComment(sessionId: string, over: Partial<CommentEntry> = {}): CommentEntry {
  return { id: randomUUID(), sessionId, kind: 'comment', authorId: 'coach-1', authorName: 'Coach Lin', at: '2025-03-02T10:00:00.000Z', turnIndex: 1, text: 'Reflect the feeling first.', ...over };
}

export function anOverride(sessionId: string, over: Partial<OverrideEntry> = {}): OverrideEntry {
  return {
    id: randomUUID(),
    sessionId,
    kind: 'override',
    authorId: 'coach-1',
    authorName: 'Coach Lin',
    at: '2025-03-02T10:05:00.000Z',
    criterion: 'empathy',
    score: 80,
    reason: 'The apology was sincere.',
    ...over,
  };
}

export function anAssignment(over: Partial<Assignment> = {}): Assignment {
  return {
    id: randomUUID(),
    personaId: 'late-fee-complaint',
    locale: 'en',
    traineeIds: ['trainee-1'],
    dueAt: '2025-03-10T17:00:00.000Z',
    hideMood: false,
    hints: 'trainee',
    note: '',
    createdBy: 'coach-1',
    createdAt: '2025-03-01T08:00:00.000Z',
    ...over,
  };
}

export function aPersonaVersion(over: Partial<PersonaVersion> = {}): PersonaVersion {
  const version = over.version ?? 1;
  return { personaId: 'late-fee-complaint', locale: 'en', version, text: `id: late-fee-complaint\nversion: ${version}\n`, savedBy: 'qa', savedAt: '2025-03-01T08:00:00.000Z', ...over };
}
