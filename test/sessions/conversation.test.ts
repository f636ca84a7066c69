// A whole scripted conversation over real sockets (server/realtime/socketServer.ts and the
// lifecycle steps in server/sessions/): late-disbursement in zh-Hant, from session:start to
// session:ended with the report, against a real file store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerSay, SessionEnded, SessionStartOk, TraineeSaid, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { call, record } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

// The persona's own "resolved" test: acknowledge, investigate, negotiate, follow up.
const RESOLVING = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
  '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。',
  '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
];

describe('a scripted conversation', () => {
  it('runs from session:start to session:ended, one customer:say per trainee:say, typing first', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    const events = record(socket);

    const start = await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' });
    const started = SessionStartOk.parse(start);
    expect(started.mode).toBe('scripted');
    expect(started.persona).toMatchObject({ id: 'late-disbursement', locale: 'zh-Hant' });
    expect(started.persona).not.toHaveProperty('facts');
    expect(started.opening.text.length).toBeGreaterThan(0);
    const { sessionId } = started;

    for (const [i, text] of RESOLVING.entries()) {
      const index = 1 + i * 2;
      const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text }));
      // The ack carries that turn's entry of the score report.
      expect(ack.index).toBe(index);
      expect(ack.score.index).toBe(index);
      expect(ack.score.role).toBe('trainee');
      expect(Object.keys(ack.score.criteria).sort()).toEqual(['active_listening', 'complaint_process', 'conduct', 'empathy', 'plain_language']);
      // Every tab of the trainee gets the turn as stored, with its score.
      expect(TraineeSaid.parse(await events.next('trainee:said', (p) => p.index === index))).toEqual({ sessionId, index, text, score: ack.score });
      const say = CustomerSay.parse(await events.next('customer:say', (p) => p.index === index + 1));
      expect(say.sessionId).toBe(sessionId);
      expect(say.text.length).toBeGreaterThan(0);
      expect(say.ended).toBe(i === RESOLVING.length - 1);
    }
    const ended = SessionEnded.parse(await events.next('session:ended'));
    expect(ended.sessionId).toBe(sessionId);
    expect(ended.outcome).toBe('resolved');
    expect(ended.report.turns.map((t) => t.index)).toEqual([1, 3, 5, 7]);
    expect(ended.report.summary.complaint_steps.covered).toEqual(['acknowledge', 'investigate', 'negotiate', 'follow_up']);

    // Exactly one customer:say per trainee:say, each after the trainee's turn (for every tab) and its customer:typing.
    const says = events.of('customer:say');
    expect(says.map((s) => s.index)).toEqual([2, 4, 6, 8]);
    expect(says.at(-1)).toMatchObject({ ended: true, outcome: 'resolved' });
    const order = events.all.map((e) => `${e.event}:${'index' in e.payload ? e.payload.index : ''}`);
    expect(order).toEqual([
      'trainee:said:1', 'customer:typing:2', 'customer:say:2',
      'trainee:said:3', 'customer:typing:4', 'customer:say:4',
      'trainee:said:5', 'customer:typing:6', 'customer:say:6',
      'trainee:said:7', 'customer:typing:8', 'customer:say:8',
      'session:ended:',
    ]);

    // Stored as acknowledged: every turn, each trainee turn with its score, the customer's state on its turns.
    const stored = (await server.ctx.store.getSession(sessionId))!;
    expect(stored.session).toMatchObject({ outcome: 'resolved', traineeId: trainee.id, mode: 'scripted' });
    expect(stored.session.report).toEqual(ended.report);
    expect(stored.turns.map((t) => t.role)).toEqual(['customer', 'trainee', 'customer', 'trainee', 'customer', 'trainee', 'customer', 'trainee', 'customer']);
    expect(stored.turns.filter((t) => t.role === 'customer').every((t) => t.state && t.mood)).toBe(true);
    expect(stored.turns.filter((t) => t.role === 'trainee').every((t) => t.score)).toBe(true);
    expect(stored.turns.at(-1)!.text).toBe(says.at(-1)!.text);

    // Nothing more can be said; the stored report is what session:end answers.
    expect(await call(socket, 'trainee:say', { sessionId, text: '還有其他問題嗎？' })).toMatchObject({ ok: false, error: { code: 'ended' } });
    expect(await call(socket, 'session:end', { sessionId })).toEqual({ ok: true, outcome: 'resolved', report: ended.report });
    const resumed = await call(socket, 'session:resume', { sessionId });
    expect(resumed).toMatchObject({ ok: true, ended: true, outcome: 'resolved', report: ended.report });
  });

  it('escalates when the trainee brushes the customer off, and ends by itself', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const { sessionId } = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' }));
    await call(socket, 'trainee:say', { sessionId, text: '請您冷靜一點，撥款要先經過風控覆核，這不是我們能決定的。' });
    await call(socket, 'trainee:say', { sessionId, text: '規定就是這樣，您再急也沒用，只能等。' });
    const ended = await events.next('session:ended');
    expect(ended.outcome).toBe('escalated');
    expect(events.of('customer:say').at(-1)).toMatchObject({ index: 4, ended: true, outcome: 'escalated' });
    // An ended session is no longer open.
    expect(await server.ctx.store.countOpenSessions(trainee.id)).toBe(0);
  });

  it('ends by the trainee with session:end: the whole report, stored with outcome "ended", every tab told', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const { sessionId } = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement' }));
    await call(socket, 'trainee:say', { sessionId, text: 'Hello, I am sorry for the wait. Let me look into it for you.' });
    await events.next('customer:say');
    const end = await call(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, outcome: 'ended' });
    if (!end.ok) throw new Error('unreachable');
    expect(end.report.turns).toHaveLength(1);
    expect((await events.next('session:ended')).report).toEqual(end.report);
    expect((await server.ctx.store.getSession(sessionId))!.session).toMatchObject({ outcome: 'ended', report: end.report });
  });

  it('reports a session ended before the trainee said anything', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    const { sessionId } = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'en' }));
    const end = await call(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, outcome: 'ended', report: { turns: [] } });
  });

  it('answers not_found for an unknown persona or locale, and for an unknown session', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    expect(await call(socket, 'session:start', { personaId: 'no-such-persona' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const event of ['session:resume', 'session:end'] as const) {
      expect(await call(socket, event, { sessionId: 'no-such-session' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await call(socket, 'trainee:say', { sessionId: 'no-such-session', text: '你好' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
