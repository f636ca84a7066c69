/**
 * A coach's review of a session over real HTTP, a real file store and a session played over
 * the socket: comments on turns and score overrides (coach only, append-only, each with its
 * author), the session's review as its owner and a coach read it, and every bad body
 * answered 400 naming the field with nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBody, SessionDetail, SessionListItem } from '../../server/domain/apiAnswers.ts';
import { CommentEntry, OverrideEntry } from '../../server/domain/records.ts';
import { call as http, expectShape } from './httpTestServer.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { connect, say, startSession } from '../support/trainee.ts';

let server: TestServer;
let trainee: TestUser;
let coach: TestUser;
let admin: TestUser;
let ended: string;
let running: string;

beforeAll(async () => {
  server = await startTestServer();
  trainee = await server.user('trainee', 'tina');
  coach = await server.user('coach', 'carol');
  admin = await server.user('admin', 'ada');
  const socket = await connect(server.url, trainee.token);
  ({ sessionId: ended } = await startSession(socket, 'double-charge', 'en'));
  await say(socket, ended, "I'm so sorry you were charged twice. Could you tell me what happened when you checked your account?");
  await say(socket, ended, 'So the second charge was taken on the 3rd. I will refund it today and call you back by 5 pm tomorrow.');
  const end = await call(socket, 'session:end', { sessionId: ended });
  if (!end.ok) throw new Error(JSON.stringify(end));
  ({ sessionId: running } = await startSession(socket, 'double-charge', 'en'));
  socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

const as = (user: TestUser | undefined, method: string, path: string, options: { body?: unknown; rawBody?: string } = {}) =>
  http(server.url, method, path, { token: user?.token, ...options });

describe('comments', () => {
  it('a coach comments on a trainee turn and on a customer turn; the owner reads them with the author', async () => {
    const onTrainee = await as(coach, 'POST', `/api/sessions/${ended}/comments`, { body: { turnIndex: 1, text: '  Good apology, then straight to a question.  ' } });
    expect(onTrainee.status).toBe(201);
    expect(expectShape(CommentEntry, onTrainee.body)).toEqual({
      id: expect.any(String),
      sessionId: ended,
      kind: 'comment',
      turnIndex: 1,
      text: 'Good apology, then straight to a question.',
      authorId: coach.id,
      authorName: 'carol',
      at: expect.any(String),
    });
    const onCustomer = await as(coach, 'POST', `/api/sessions/${ended}/comments`, { body: { turnIndex: 0, text: '她一開口就很生氣：先處理情緒。' } });
    expect(onCustomer.status).toBe(201);
    expectShape(CommentEntry, onCustomer.body);

    const view = await as(trainee, 'GET', `/api/sessions/${ended}`);
    expect(view.status).toBe(200);
    expect(expectShape(SessionDetail, view.body).comments).toEqual([onTrainee.body, onCustomer.body]);
  });

  it('a comment on a running session is kept too', async () => {
    const res = await as(coach, 'POST', `/api/sessions/${running}/comments`, { body: { turnIndex: 0, text: 'Watch how you open this one.' } });
    expect(res.status).toBe(201);
    expectShape(CommentEntry, res.body);
    expect((await server.ctx.store.listReviews(running)).map((r) => r.kind)).toEqual(['comment']);
  });
});

describe('overrides', () => {
  it('the latest override of a criterion is the coach’s score; the engine’s report is never changed', async () => {
    const before = expectShape(SessionDetail, (await as(coach, 'GET', `/api/sessions/${ended}`)).body);
    const first = await as(coach, 'POST', `/api/sessions/${ended}/overrides`, { body: { criterion: 'empathy', score: 60, reason: 'The apology was scripted.' } });
    expect(first.status).toBe(201);
    expect(expectShape(OverrideEntry, first.body)).toEqual({
      id: expect.any(String),
      sessionId: ended,
      kind: 'override',
      criterion: 'empathy',
      score: 60,
      reason: 'The apology was scripted.',
      authorId: coach.id,
      authorName: 'carol',
      at: expect.any(String),
    });
    const second = await as(coach, 'POST', `/api/sessions/${ended}/overrides`, { body: { criterion: 'empathy', score: 85, reason: 'On replay, it sounded sincere.' } });
    expect(second.status).toBe(201);
    expectShape(OverrideEntry, second.body);

    const after = expectShape(SessionDetail, (await as(admin, 'GET', `/api/sessions/${ended}`)).body);
    expect(after.overrides).toEqual([first.body, second.body]);
    expect(after.overridden).toEqual({ empathy: { score: 85, reason: 'On replay, it sounded sincere.', by: 'carol', at: second.body.at } });
    expect(after.report).toEqual(before.report);
    const stored = (await server.ctx.store.getSession(ended))!.session.report!;
    expect(after.report.summary.criteria.empathy).toBe(stored.summary.criteria.empathy);
  });
});

describe('the session as a coach reads it', () => {
  it('carries names, the persona version, the mode and, once ended, three coaching suggestions', async () => {
    const res = await as(coach, 'GET', `/api/sessions/${ended}`);
    expect(expectShape(SessionDetail, res.body)).toMatchObject({
      id: ended,
      traineeId: trainee.id,
      traineeName: 'tina',
      personaId: 'double-charge',
      personaName: 'Ms Santos: loan repayment taken twice',
      personaVersion: expect.any(Number),
      mode: 'scripted',
      assignmentId: null,
      tryout: false,
      locale: 'en',
    });
    expect(res.body.coaching).toEqual({ keep: expect.stringMatching(/^Keep /), start: expect.any(String), stop: expect.any(String) });
  });

  it('has no coaching while the session runs', async () => {
    const res = await as(coach, 'GET', `/api/sessions/${running}`);
    expect(expectShape(SessionDetail, res.body).coaching).toBeNull();
    expect(res.body.overridden).toEqual({});
  });

  it('lists sessions with the trainee’s and the persona’s names', async () => {
    const list = expectShape(z.array(SessionListItem), (await as(coach, 'GET', '/api/sessions')).body);
    expect(list.find((s) => s.id === ended)).toMatchObject({ traineeName: 'tina', personaName: 'Ms Santos: loan repayment taken twice', tryout: false, assignmentId: null });
  });
});

describe('who may review', () => {
  it.each(['trainee', 'admin', 'qa', 'otherTrainee'] as const)('a %s may not comment or override, and nothing is stored', async (who) => {
    const user = who === 'trainee' ? trainee : who === 'admin' ? admin : await server.user(who === 'qa' ? 'qa' : 'trainee');
    const before = (await server.ctx.store.listReviews(ended)).length;
    const comment = await as(user, 'POST', `/api/sessions/${ended}/comments`, { body: { turnIndex: 1, text: 'Well done me.' } });
    const override = await as(user, 'POST', `/api/sessions/${ended}/overrides`, { body: { criterion: 'conduct', score: 100, reason: 'Perfect.' } });
    expect([comment.status, override.status]).toEqual([403, 403]);
    expect(expectShape(ErrorBody, override.body).error.code).toBe('forbidden');
    expect((await server.ctx.store.listReviews(ended)).length).toBe(before);
  });

  it('an unknown session is 404 for a coach, and nobody without a token gets in', async () => {
    expect((await as(coach, 'POST', `/api/sessions/${randomUUID()}/comments`, { body: { turnIndex: 0, text: 'x' } })).status).toBe(404);
    expect((await as(coach, 'POST', `/api/sessions/${randomUUID()}/overrides`, { body: { criterion: 'empathy', score: 1, reason: 'x' } })).status).toBe(404);
    expect((await as(undefined, 'POST', `/api/sessions/${ended}/comments`, { body: { turnIndex: 0, text: 'x' } })).status).toBe(401);
  });
});

describe('bad bodies', () => {
  const COMMENTS: Array<{ name: string; body?: unknown; rawBody?: string; message: RegExp }> = [
    { name: 'no turnIndex', body: { text: 'x' }, message: /^turnIndex: / },
    { name: 'a turn the session does not have', body: { turnIndex: 99, text: 'x' }, message: /^turnIndex: this session has no turn 99/ },
    { name: 'a negative turnIndex', body: { turnIndex: -1, text: 'x' }, message: /^turnIndex: / },
    { name: 'a fractional turnIndex', body: { turnIndex: 1.5, text: 'x' }, message: /^turnIndex: / },
    { name: 'a turnIndex as a string', body: { turnIndex: '1', text: 'x' }, message: /^turnIndex: / },
    { name: 'no text', body: { turnIndex: 1 }, message: /^text: / },
    { name: 'blank text', body: { turnIndex: 1, text: '   ' }, message: /^text: must not be empty/ },
    { name: 'text too long', body: { turnIndex: 1, text: 'x'.repeat(2001) }, message: /^text: must be at most 2000/ },
    { name: 'an extra field', body: { turnIndex: 1, text: 'x', authorName: 'the boss' }, message: /"authorName": unknown field/ },
    { name: 'a __proto__ key', rawBody: '{"turnIndex":1,"text":"x","__proto__":{"kind":"override"}}', message: /"__proto__": unknown field/ },
    { name: 'an array', body: [{ turnIndex: 1, text: 'x' }], message: /^body: / },
    { name: 'malformed JSON', rawBody: '{"turnIndex":', message: /^body: malformed JSON/ },
  ];
  const OVERRIDES: Array<{ name: string; body?: unknown; rawBody?: string; message: RegExp }> = [
    { name: 'an unknown criterion', body: { criterion: 'charm', score: 50, reason: 'x' }, message: /^criterion: / },
    { name: 'a score over 100', body: { criterion: 'empathy', score: 101, reason: 'x' }, message: /^score: / },
    { name: 'a negative score', body: { criterion: 'empathy', score: -1, reason: 'x' }, message: /^score: / },
    { name: 'a fractional score', body: { criterion: 'empathy', score: 50.5, reason: 'x' }, message: /^score: must be a whole number/ },
    { name: 'a score as a string', body: { criterion: 'empathy', score: '50', reason: 'x' }, message: /^score: / },
    { name: 'no reason', body: { criterion: 'empathy', score: 50 }, message: /^reason: / },
    { name: 'a blank reason', body: { criterion: 'empathy', score: 50, reason: ' ' }, message: /^reason: must not be empty/ },
    { name: 'a reason too long', body: { criterion: 'empathy', score: 50, reason: 'x'.repeat(1001) }, message: /^reason: must be at most 1000/ },
    { name: 'an extra field', body: { criterion: 'empathy', score: 50, reason: 'x', by: 'someone' }, message: /"by": unknown field/ },
  ];

  it.each(COMMENTS)('a comment with $name is 400, and nothing is stored', async ({ body, rawBody, message }) => {
    const before = await server.ctx.store.listReviews(ended);
    const res = await as(coach, 'POST', `/api/sessions/${ended}/comments`, { body, rawBody });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expectShape(ErrorBody, res.body);
    expect(await server.ctx.store.listReviews(ended)).toEqual(before);
  });

  it.each(OVERRIDES)('an override with $name is 400, and nothing is stored', async ({ body, rawBody, message }) => {
    const before = await server.ctx.store.listReviews(ended);
    const res = await as(coach, 'POST', `/api/sessions/${ended}/overrides`, { body, rawBody });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expectShape(ErrorBody, res.body);
    expect(await server.ctx.store.listReviews(ended)).toEqual(before);
  });
});
