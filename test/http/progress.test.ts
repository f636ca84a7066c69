/**
 * A trainee's progress as a coach charts it: the trainee list, then each ended session oldest
 * first with its scores (the coach's overrides applied, the engine's report untouched), its
 * overall score and three coaching suggestions. Running sessions and QA try-outs are not in
 * it. A trainee sees their own progress and no one else's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERIA } from '../../server/scoring/types.ts';
import { z } from 'zod';
import { ErrorBody, TraineeListItem, TraineeProgress } from '../../server/domain/apiAnswers.ts';
import { OverrideEntry } from '../../server/domain/records.ts';
import { call as http, expectShape } from './httpTestServer.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { connect, say, startSession } from '../support/trainee.ts';

let server: TestServer;
let coach: TestUser;
let tina: TestUser;
let tom: TestUser;
let first: string;
let second: string;
let running: string;

async function play(user: TestUser, personaId: string, locale: 'en' | 'zh-Hans' | 'zh-Hant', lines: string[], end = true): Promise<string> {
  const socket = await connect(server.url, user.token);
  const { sessionId } = await startSession(socket, personaId, locale);
  for (const line of lines) await say(socket, sessionId, line);
  if (end) {
    const ended = await call(socket, 'session:end', { sessionId });
    if (!ended.ok) throw new Error(JSON.stringify(ended));
  }
  socket.disconnect();
  return sessionId;
}

beforeAll(async () => {
  server = await startTestServer();
  coach = await server.user('coach', 'carol');
  tina = await server.user('trainee', 'tina');
  tom = await server.user('trainee', 'tom');
  first = await play(tina, 'double-charge', 'en', ['Calm down, it is not our fault. Your APR is fixed.']);
  second = await play(tina, 'late-disbursement', 'zh-Hant', ['陳先生，真的很抱歉讓您久等了。您是說兩週前核准的貸款，到現在還沒撥款，對嗎？']);
  running = await play(tina, 'double-charge', 'en', ['Hello.'], false);
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

const as = (user: TestUser | undefined, method: string, path: string, options: { body?: unknown } = {}) =>
  http(server.url, method, path, { token: user?.token, ...options });

describe('GET /api/trainees', () => {
  it('lists every trainee account, and only those', async () => {
    await server.user('qa', 'quinn');
    const res = await as(coach, 'GET', '/api/trainees');
    expect(res.status).toBe(200);
    expectShape(z.array(TraineeListItem), res.body);
    expect(res.body).toEqual(expect.arrayContaining([{ id: tina.id, username: 'tina' }, { id: tom.id, username: 'tom' }]));
    expect(res.body.map((t: { username: string }) => t.username)).not.toEqual(expect.arrayContaining(['carol', 'quinn']));
    for (const t of res.body) expect(Object.keys(t).sort()).toEqual(['id', 'username']);
  });
});

describe('GET /api/trainees/:id/progress', () => {
  it('gives each ended session oldest first, with scores, overall and coaching in its locale', async () => {
    const res = await as(coach, 'GET', `/api/trainees/${tina.id}/progress`);
    expect(res.status).toBe(200);
    const progress = expectShape(TraineeProgress, res.body);
    expect(progress.trainee).toEqual({ id: tina.id, username: 'tina' });
    expect(progress.sessions.map((s) => s.sessionId)).toEqual([first, second]);
    expect(progress.sessions.map((s) => s.sessionId)).not.toContain(running);

    const [en, zh] = progress.sessions;
    const stored = (await server.ctx.store.getSession(first))!.session;
    expect(en).toMatchObject({ personaId: 'double-charge', personaName: 'Ms Santos: loan repayment taken twice', endedAt: stored.endedAt, outcome: stored.outcome });
    expect(en!.criteria).toEqual(stored.report!.summary.criteria);
    expect(en!.overall).toBe(stored.report!.summary.overall);
    expect(Object.keys(en!.criteria).sort()).toEqual([...CRITERIA].sort());
    // What the coach would tell her: she brushed the customer off.
    expect(en!.coaching.stop).toMatch(/^Stop brushing the customer off/);
    expect(zh!.personaName).toBe('陳先生：貸款核准兩週還沒撥款');
    expect(zh!.coaching.keep).toMatch(/^繼續/);
  });

  it('applies the coach’s latest override to the criterion and the overall score', async () => {
    const stored = (await server.ctx.store.getSession(first))!.session.report!;
    expectShape(OverrideEntry, (await as(coach, 'POST', `/api/sessions/${first}/overrides`, { body: { criterion: 'conduct', score: 100, reason: 'x' } })).body);
    await as(coach, 'POST', `/api/sessions/${first}/overrides`, { body: { criterion: 'empathy', score: 0, reason: 'Told her to calm down.' } });
    await as(coach, 'POST', `/api/sessions/${first}/overrides`, { body: { criterion: 'empathy', score: 10, reason: 'On second thought, 10.' } });
    const point = expectShape(TraineeProgress, (await as(coach, 'GET', `/api/trainees/${tina.id}/progress`)).body).sessions[0]!;
    expect(point.criteria).toEqual({ ...stored.summary.criteria, empathy: 10, conduct: 100 });
    const { criteria: weights } = server.ctx.rubric;
    const sum = CRITERIA.reduce((n, id) => n + point.criteria[id]! * weights[id].weight, 0);
    const total = CRITERIA.reduce((n, id) => n + weights[id].weight, 0);
    expect(point.overall).toBe(Math.round(sum / total));
    // The engine's report is unchanged.
    expect((await server.ctx.store.getSession(first))!.session.report).toEqual(stored);
  });

  it('leaves QA try-outs out', async () => {
    const { session, turns } = (await server.ctx.store.getSession(second))!;
    const tryout = { ...session, id: randomUUID(), tryout: true, endedAt: null, outcome: null, report: null };
    await server.ctx.store.createSession(tryout, turns[0]!);
    await server.ctx.store.endSession(tryout.id, { endedAt: new Date().toISOString(), outcome: 'ended', report: session.report! });
    const ids = expectShape(TraineeProgress, (await as(coach, 'GET', `/api/trainees/${tina.id}/progress`)).body).sessions.map((s) => s.sessionId);
    expect(ids).toEqual([first, second]);
  });

  it('a trainee with no ended session has an empty progress', async () => {
    const res = await as(coach, 'GET', `/api/trainees/${tom.id}/progress`);
    expect(expectShape(TraineeProgress, res.body)).toEqual({ trainee: { id: tom.id, username: 'tom' }, sessions: [] });
  });
});

describe('who sees progress', () => {
  it('the trainee themself, a coach and an admin; not another trainee, not QA', async () => {
    const admin = await server.user('admin');
    const qa = await server.user('qa');
    const path = `/api/trainees/${tina.id}/progress`;
    expect((await as(tina, 'GET', path)).status).toBe(200);
    expect((await as(admin, 'GET', path)).status).toBe(200);
    expect((await as(tom, 'GET', path)).status).toBe(403);
    expect((await as(qa, 'GET', path)).status).toBe(403);
    expect((await as(undefined, 'GET', path)).status).toBe(401);
    expect((await as(tina, 'GET', '/api/trainees')).status).toBe(403);
    expect((await as(qa, 'GET', '/api/trainees')).status).toBe(403);
  });

  it('an unknown id, or an account that is not a trainee, is 404', async () => {
    expect(expectShape(ErrorBody, (await as(coach, 'GET', `/api/trainees/${randomUUID()}/progress`)).body)).toEqual({ error: { code: 'not_found', message: 'no trainee with this id' } });
    expect((await as(coach, 'GET', `/api/trainees/${coach.id}/progress`)).status).toBe(404);
  });
});
