/**
 * Assignments end to end: a coach gives a persona to two trainees over HTTP; a trainee starts
 * the assigned session over the socket (the ack carries the coach's settings), speaks and
 * ends it, and the status moves pending → in_progress → completed. A trainee sees only their
 * own line; a past due date is overdue until everyone named has completed. The socket
 * refuses an assignment that does not exist, is someone else's, or is for another persona
 * or locale, and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SessionStartOk } from '../../server/sessions/serverEvents.ts';
import { AssignmentView, ErrorBody, SessionListItem } from '../../server/domain/apiAnswers.ts';
import { call as http, expectShape } from './httpTestServer.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { connect, say } from '../support/trainee.ts';

let server: TestServer;
let coach: TestUser;
let tina: TestUser;
let tom: TestUser;
let uma: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  coach = await server.user('coach', 'carol');
  tina = await server.user('trainee', 'tina');
  tom = await server.user('trainee', 'tom');
  uma = await server.user('trainee', 'uma');
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

const as = (user: TestUser | undefined, method: string, path: string, options: { body?: unknown; rawBody?: string } = {}) =>
  http(server.url, method, path, { token: user?.token, ...options });

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

async function assign(body: Record<string, unknown>) {
  const res = await as(coach, 'POST', '/api/assignments', { body });
  if (res.status !== 201) throw new Error(`POST /api/assignments: ${res.status} ${JSON.stringify(res.body)}`);
  return expectShape(AssignmentView, res.body);
}

async function listed(user: TestUser, id: string) {
  const res = await as(user, 'GET', '/api/assignments');
  expect(res.status).toBe(200);
  return expectShape(z.array(AssignmentView), res.body).find((a) => a.id === id) as any;
}

describe('an assignment from start to completion', () => {
  it('moves pending → in_progress → completed as the trainee plays it over the socket', async () => {
    const created = await assign({ personaId: 'double-charge', locale: 'en', traineeIds: [tina.id, tom.id], dueAt: inAWeek(), hideMood: true, hints: 'off', note: 'Focus on the follow-up.' });
    expect(created).toMatchObject({
      id: expect.any(String),
      personaId: 'double-charge',
      personaName: 'Ms Santos: loan repayment taken twice',
      locale: 'en',
      traineeIds: [tina.id, tom.id],
      hideMood: true,
      hints: 'off',
      note: 'Focus on the follow-up.',
      createdBy: coach.id,
      overdue: false,
    });
    const pending = { status: 'pending', sessionId: null, completedAt: null, overall: null };
    expect(created.trainees).toEqual([
      { traineeId: tina.id, traineeName: 'tina', ...pending },
      { traineeId: tom.id, traineeName: 'tom', ...pending },
    ]);
    expect((await listed(coach, created.id)).trainees.map((t: { status: string }) => t.status)).toEqual(['pending', 'pending']);

    // No locale in the payload: the assignment's is used.
    const socket = await connect(server.url, tina.token);
    const ack = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'double-charge', assignmentId: created.id }));
    expect(ack.settings).toEqual({ hideMood: true, hints: 'off' });
    expect(ack.persona.locale).toBe('en');
    expect((await server.ctx.store.getSession(ack.sessionId))!.session).toMatchObject({ assignmentId: created.id, locale: 'en' });
    expect((await server.ctx.store.getSession(ack.sessionId))!.session.tryout).toBeUndefined();

    let lines = (await listed(coach, created.id)).trainees;
    expect(lines[0]).toEqual({ traineeId: tina.id, traineeName: 'tina', status: 'in_progress', sessionId: ack.sessionId, completedAt: null, overall: null });
    expect(lines[1].status).toBe('pending');

    await say(socket, ack.sessionId, "I'm sorry you were charged twice. I will refund the second payment today and call you by 5 pm tomorrow.");
    const end = await call(socket, 'session:end', { sessionId: ack.sessionId });
    if (!end.ok) throw new Error(JSON.stringify(end));
    socket.disconnect();

    lines = (await listed(coach, created.id)).trainees;
    expect(lines[0]).toEqual({ traineeId: tina.id, traineeName: 'tina', status: 'completed', sessionId: ack.sessionId, completedAt: expect.any(String), overall: end.report.summary.overall });
    expect(lines[1].status).toBe('pending');

    // The session lists with its assignment.
    const sessions = expectShape(z.array(SessionListItem), (await as(coach, 'GET', '/api/sessions')).body);
    expect(sessions.find((s) => s.id === ack.sessionId)!.assignmentId).toBe(created.id);
  });

  it('a session started without the assignment id does not count for it', async () => {
    const created = await assign({ personaId: 'late-disbursement', locale: 'zh-Hant', traineeIds: [tom.id], dueAt: inAWeek() });
    expect(created).toMatchObject({ hideMood: false, hints: 'trainee', note: '' });
    const socket = await connect(server.url, tom.token);
    const ack = await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' });
    expect(ack).toMatchObject({ ok: true });
    expect(ack).not.toHaveProperty('settings');
    socket.disconnect();
    expect((await listed(coach, created.id)).trainees[0].status).toBe('pending');
  });
});

describe('what each one sees', () => {
  it('a trainee sees only the assignments naming them, and only their own line', async () => {
    const created = await assign({ personaId: 'first-time-applicant', locale: 'zh-Hans', traineeIds: [tina.id, tom.id], dueAt: inAWeek() });
    const forTina = await listed(tina, created.id);
    expect(forTina.trainees).toEqual([expect.objectContaining({ traineeId: tina.id, status: 'pending' })]);
    const forTom = await listed(tom, created.id);
    expect(forTom.trainees).toEqual([expect.objectContaining({ traineeId: tom.id })]);
    // Nowhere in the answer does a trainee learn who else was given the practice.
    expect(forTina.traineeIds).toEqual([tina.id]);
    expect(JSON.stringify(forTina)).not.toContain(tom.id);
    expect(JSON.stringify(forTom)).not.toContain(tina.id);
    expect(await listed(uma, created.id)).toBeUndefined();
    // The coach and an admin see both lines.
    const admin = await server.user('admin');
    expect((await listed(admin, created.id)).trainees).toHaveLength(2);
  });

  it('lists the newest first', async () => {
    const first = await assign({ personaId: 'double-charge', locale: 'en', traineeIds: [uma.id], dueAt: inAWeek() });
    const second = await assign({ personaId: 'double-charge', locale: 'zh-Hans', traineeIds: [uma.id], dueAt: inAWeek() });
    const ids = ((await as(uma, 'GET', '/api/assignments')).body as Array<{ id: string }>).map((a) => a.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });

  it('QA has no assignments, and only a coach gives one', async () => {
    const qa = await server.user('qa');
    const admin = await server.user('admin');
    expect((await as(qa, 'GET', '/api/assignments')).status).toBe(403);
    const body = { personaId: 'double-charge', locale: 'en', traineeIds: [tina.id], dueAt: inAWeek() };
    for (const user of [tina, qa, admin]) expect((await as(user, 'POST', '/api/assignments', { body })).status).toBe(403);
    expect((await as(undefined, 'POST', '/api/assignments', { body })).status).toBe(401);
  });
});

describe('overdue', () => {
  it('is overdue past the due date until everyone named has completed', async () => {
    const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString();
    const created = await assign({ personaId: 'double-charge', locale: 'en', traineeIds: [uma.id], dueAt: yesterday });
    expect(created.overdue).toBe(true);
    expect((await listed(uma, created.id)).overdue).toBe(true);

    const socket = await connect(server.url, uma.token);
    const ack = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'double-charge', locale: 'en', assignmentId: created.id }));
    expect((await listed(coach, created.id)).overdue).toBe(true);
    await call(socket, 'session:end', { sessionId: ack.sessionId });
    socket.disconnect();
    const done = await listed(coach, created.id);
    expect(done.trainees[0].status).toBe('completed');
    expect(done.overdue).toBe(false);
  });

  it('is not overdue before the due date', async () => {
    const created = await assign({ personaId: 'double-charge', locale: 'en', traineeIds: [tom.id], dueAt: inAWeek() });
    expect((await listed(coach, created.id)).overdue).toBe(false);
  });
});

describe('session:start with an assignment that does not fit', () => {
  it('refuses an unknown one, someone else’s, another persona or another locale, and stores nothing', async () => {
    const created = await assign({ personaId: 'double-charge', locale: 'en', traineeIds: [tina.id], dueAt: inAWeek() });
    const umaSocket = await connect(server.url, uma.token);
    const tinaSocket = await connect(server.url, tina.token);
    const umaBefore = (await server.ctx.store.listSessions({ traineeId: uma.id })).length;
    const tinaBefore = (await server.ctx.store.listSessions({ traineeId: tina.id })).length;

    expect(await call(tinaSocket, 'session:start', { personaId: 'double-charge', assignmentId: 'no-such-assignment' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no assignment with this id' },
    });
    expect(await call(umaSocket, 'session:start', { personaId: 'double-charge', assignmentId: created.id })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'this assignment is not yours' },
    });
    expect(await call(tinaSocket, 'session:start', { personaId: 'late-disbursement', assignmentId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^personaId: /) },
    });
    expect(await call(tinaSocket, 'session:start', { personaId: 'double-charge', locale: 'zh-Hant', assignmentId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^locale: /) },
    });
    umaSocket.disconnect();
    tinaSocket.disconnect();
    expect((await server.ctx.store.listSessions({ traineeId: uma.id })).length).toBe(umaBefore);
    expect((await server.ctx.store.listSessions({ traineeId: tina.id })).length).toBe(tinaBefore);
    expect((await listed(coach, created.id)).trainees[0].status).toBe('pending');
  });
});

describe('POST /api/assignments with a bad body', () => {
  const good = () => ({ personaId: 'double-charge', locale: 'en', traineeIds: [tina.id], dueAt: inAWeek() });
  const CASES: Array<{ name: string; body?: () => unknown; rawBody?: string; message: RegExp }> = [
    { name: 'no personaId', body: () => ({ ...good(), personaId: undefined }), message: /^personaId: / },
    { name: 'an unknown persona', body: () => ({ ...good(), personaId: 'no-such-persona' }), message: /^personaId: no persona "no-such-persona" in en/ },
    { name: 'a persona id with a path in it', body: () => ({ ...good(), personaId: '../etc' }), message: /^personaId: / },
    { name: 'an unknown locale', body: () => ({ ...good(), locale: 'fr' }), message: /^locale: / },
    { name: 'no trainees', body: () => ({ ...good(), traineeIds: [] }), message: /^traineeIds: name at least one trainee/ },
    { name: 'an unknown trainee', body: () => ({ ...good(), traineeIds: [tina.id, 'nobody-here'] }), message: /^traineeIds\.1: no trainee with the id "nobody-here"/ },
    { name: 'a coach as a trainee', body: () => ({ ...good(), traineeIds: [coach.id] }), message: /^traineeIds\.0: no trainee/ },
    { name: 'a date without a time', body: () => ({ ...good(), dueAt: '2030-06-30' }), message: /^dueAt: must be an ISO date-time/ },
    { name: 'a date in words', body: () => ({ ...good(), dueAt: 'next Friday' }), message: /^dueAt: must be an ISO date-time/ },
    { name: 'hideMood as a string', body: () => ({ ...good(), hideMood: 'yes' }), message: /^hideMood: / },
    { name: 'unknown hints', body: () => ({ ...good(), hints: 'sometimes' }), message: /^hints: / },
    { name: 'a note too long', body: () => ({ ...good(), note: 'x'.repeat(1001) }), message: /^note: must be at most 1000/ },
    { name: 'an extra field', body: () => ({ ...good(), createdBy: tina.id }), message: /"createdBy": unknown field/ },
    { name: 'a __proto__ key', rawBody: '{"personaId":"double-charge","locale":"en","traineeIds":["x"],"dueAt":"2030-01-01T00:00:00Z","__proto__":{}}', message: /"__proto__": unknown field/ },
    { name: 'malformed JSON', rawBody: '{"personaId":', message: /^body: malformed JSON/ },
  ];

  it.each(CASES)('refuses $name with 400 and stores nothing', async ({ body, rawBody, message }) => {
    const before = await server.ctx.store.listAssignments();
    const res = await as(coach, 'POST', '/api/assignments', { body: body?.(), rawBody });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expectShape(ErrorBody, res.body);
    expect(await server.ctx.store.listAssignments()).toEqual(before);
  });
});
