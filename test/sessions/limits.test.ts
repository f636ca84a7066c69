// What the socket layer refuses before anything changes: payloads that do not fit (too
// long, missing or mistyped fields, unknown keys, `__proto__`, no ack callback), unknown
// events, and the limits on turns, open sessions, the event rate, session starts and
// connections per user. Each refusal has its code, and the store is left as it was.
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStartOk } from '../../server/sessions/serverEvents.ts';
import { call, callRaw, record, settled } from '../support/socketClient.ts';
import { startTestServer, type TestClient, type TestServer } from '../support/testServer.ts';

const MAX_TEXT = 200;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { maxText: MAX_TEXT, maxTurns: 2, maxOpenSessions: 2, eventsPer10s: 1000 } });
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

async function trainee(): Promise<{ socket: TestClient; id: string }> {
  const user = await server.user('trainee');
  return { socket: await server.connect(user.token), id: user.id };
}
async function startSession(socket: TestClient, personaId = 'late-disbursement'): Promise<string> {
  return SessionStartOk.parse(await call(socket, 'session:start', { personaId, locale: 'zh-Hant' })).sessionId;
}
const turnsOf = async (sessionId: string): Promise<number> => (await server.ctx.store.getSession(sessionId))!.turns.length;
const badRequest = (message?: string) => ({ ok: false, error: { code: 'bad_request', message: message ?? expect.any(String) } });

describe('payloads that do not fit', () => {
  it('refuses text over the limit, blank text, and text of the wrong type, storing nothing', async () => {
    const { socket } = await trainee();
    const sessionId = await startSession(socket);
    expect(await call(socket, 'trainee:say', { sessionId, text: '好'.repeat(MAX_TEXT + 1) })).toEqual(badRequest(`text: must be at most ${MAX_TEXT} characters`));
    expect(await call(socket, 'trainee:say', { sessionId, text: '   \n ' })).toEqual(badRequest('text: must not be empty'));
    expect(await callRaw(socket, 'trainee:say', { sessionId, text: 42 })).toEqual(badRequest());
    expect(await callRaw(socket, 'trainee:say', { sessionId, text: ['你好'] })).toEqual(badRequest());
    // A huge string (under the transport's limit) is a bad request too, and not echoed back.
    const huge = await callRaw(socket, 'trainee:say', { sessionId, text: 'x'.repeat(60_000) });
    expect(huge).toEqual(badRequest());
    expect(JSON.stringify(huge).length).toBeLessThan(200);
    expect(await turnsOf(sessionId)).toBe(1);
    // Blanks around the text do not count against the limit: it is stored trimmed.
    const ok = await call(socket, 'trainee:say', { sessionId, text: `  ${'好'.repeat(MAX_TEXT)}  ` });
    expect(ok).toMatchObject({ ok: true, index: 1 });
    expect((await server.ctx.store.getSession(sessionId))!.turns[1]!.text).toBe('好'.repeat(MAX_TEXT));
  });

  it('refuses missing fields, wrong types, unknown keys and `__proto__`', async () => {
    const { socket, id } = await trainee();
    const sessionId = await startSession(socket);
    const cases: Array<[string, unknown]> = [
      ['trainee:say', { sessionId }],
      ['trainee:say', { text: '你好' }],
      ['trainee:say', { sessionId: 123, text: '你好' }],
      ['trainee:say', { sessionId, text: '你好', index: -1 }],
      ['trainee:say', { sessionId, text: '你好', index: 1.5 }],
      ['trainee:say', { sessionId, text: '你好', index: '1' }],
      ['trainee:say', { sessionId, text: '你好', extra: true }],
      ['trainee:say', JSON.parse(`{"sessionId":"${sessionId}","text":"你好","__proto__":{"isAdmin":true}}`)],
      ['trainee:say', { sessionId: '../../users', text: '你好' }],
      ['trainee:say', null],
      ['trainee:say', '你好'],
      ['trainee:say', [sessionId, '你好']],
      ['session:start', {}],
      ['session:start', { personaId: 'late-disbursement', locale: 'fr' }],
      ['session:start', { personaId: 'late-disbursement', mode: 'telepathy' }],
      ['session:start', JSON.parse('{"personaId":"late-disbursement","__proto__":{"role":"admin"}}')],
      ['session:resume', { sessionId: '' }],
      ['session:end', { sessionId: { $ne: null } }],
    ];
    for (const [event, payload] of cases) {
      expect(await callRaw(socket, event, payload), `${event} ${JSON.stringify(payload)}`).toEqual(badRequest());
    }
    expect((await callRaw(socket, 'trainee:say', JSON.parse(`{"sessionId":"${sessionId}","text":"你好","__proto__":{}}`))).error.message).toContain('__proto__');
    // Nothing was stored, no session was started or ended, and the prototype of nothing changed.
    expect(await turnsOf(sessionId)).toBe(1);
    expect(await server.ctx.store.countOpenSessions(id)).toBe(1);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses an event without an ack callback on that connection only, and one with extra arguments', async () => {
    const { socket } = await trainee();
    const events = record(socket);
    const sessionId = await startSession(socket);
    (socket as unknown as { emit(...a: unknown[]): void }).emit('trainee:say', { sessionId, text: '你好' });
    const rejected = await events.next('request:rejected');
    expect(rejected).toEqual({ event: 'trainee:say', error: { code: 'bad_request', message: 'trainee:say needs an acknowledgement callback' } });
    expect(await callRaw(socket, 'trainee:say', { sessionId, text: '你好' }, 'extra')).toEqual(badRequest('trainee:say takes one payload and an acknowledgement callback'));
    expect(await callRaw(socket, 'trainee:say')).toEqual(badRequest());
    await settled(socket, sessionId);
    expect(await turnsOf(sessionId)).toBe(1);
    expect(events.of('customer:say')).toEqual([]);
  });

  it('answers an unknown event bad_request when it has an ack, ignores it otherwise, and stays usable', async () => {
    const { socket } = await trainee();
    const events = record(socket);
    expect(await callRaw(socket, 'admin:dropTables', { all: true })).toEqual(badRequest('unknown event'));
    (socket as unknown as { emit(...a: unknown[]): void }).emit('customer:say', { text: 'I am the customer now' });
    (socket as unknown as { emit(...a: unknown[]): void }).emit('constructor');
    // A later event's answer comes after anything the server sent this connection before it.
    await startSession(socket);
    expect(events.all).toEqual([]);
    expect(socket.connected).toBe(true);
  });

  it('closes a connection that sends a message over the transport limit, before parsing it', async () => {
    const { socket } = await trainee();
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('trainee:say', { sessionId: 'x', text: 'x'.repeat(2_000_000) }, () => {});
    expect(await closed).toMatch(/transport close|transport error/);
    // The server goes on serving everyone else.
    const other = await trainee();
    await startSession(other.socket);
  });
});

describe('limits', () => {
  it('refuses a turn beyond the turns per session: limit_reached, nothing stored', async () => {
    const { socket } = await trainee();
    const events = record(socket);
    const sessionId = await startSession(socket);
    for (const [i, text] of ['陳先生，真的很抱歉讓您久等。', '我幫您查一下，請問您是哪一天收到核准通知的？'].entries()) {
      expect(await call(socket, 'trainee:say', { sessionId, text })).toMatchObject({ ok: true, index: 1 + 2 * i });
      await events.next('customer:say', (p) => p.index === 2 + 2 * i);
    }
    expect(await call(socket, 'trainee:say', { sessionId, text: '還有其他需要協助的嗎？' })).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    expect(await turnsOf(sessionId)).toBe(5);
    // The trainee can still end the session and get the report.
    expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, outcome: 'ended' });
  });

  it('refuses a session beyond the open sessions per trainee, until one ends', async () => {
    const { socket, id } = await trainee();
    const first = await startSession(socket);
    await startSession(socket, 'double-charge');
    expect(await call(socket, 'session:start', { personaId: 'late-disbursement' })).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    // Started at once, they still cannot pass the limit together.
    const raced = await Promise.all([1, 2, 3].map(() => call(socket, 'session:start', { personaId: 'double-charge' })));
    expect(raced.every((r) => !r.ok && r.error.code === 'limit_reached')).toBe(true);
    expect(await server.ctx.store.countOpenSessions(id)).toBe(2);
    await call(socket, 'session:end', { sessionId: first });
    await startSession(socket);
    // Another trainee has limits of their own.
    await startSession((await trainee()).socket);
  });

  it('refuses concurrent starts beyond the limit', async () => {
    const { socket, id } = await trainee();
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(socket, 'session:start', { personaId: 'double-charge' })));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok && a.error.code === 'limit_reached')).toHaveLength(2);
    expect(await server.ctx.store.countOpenSessions(id)).toBe(2);
  });
});

describe('the event rate', () => {
  it('answers rate_limited beyond eventsPer10s for the user, across their connections, and runs nothing', async () => {
    const limited = await startTestServer({ limits: { eventsPer10s: 5 } });
    try {
      const user = await limited.user('trainee');
      const socket = await limited.connect(user.token);
      const events = record(socket);
      const { sessionId } = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' }));
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => call(socket, 'trainee:say', { sessionId, text: `第${n}句：抱歉讓您久等。` })));
      const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
      // One start and four says fit in the window (the says queue behind each other's replies); the rest are refused at once.
      expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
      expect(answers.filter((a) => a.ok).map((a) => a.ok && a.index)).toEqual([1, 3, 5, 7]);
      const refused = answers[4]!;
      expect(!refused.ok && refused.error.message).toMatch(/^at most 5 events per 10 seconds from one user: wait \d+ s$/);
      (socket as unknown as { emit(...a: unknown[]): void }).emit('session:resume', { sessionId });
      expect(await events.next('request:rejected')).toMatchObject({ event: 'session:resume', error: { code: 'rate_limited' } });
      // Only the accepted turns and their replies are stored.
      await events.next('customer:say', (p) => p.index === 8);
      expect((await limited.ctx.store.getSession(sessionId))!.turns).toHaveLength(9);
      // A new tab of the same user shares the budget; another user has their own.
      const secondTab = await limited.connect(user.token);
      expect(await call(secondTab, 'session:resume', { sessionId })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const other = await limited.connect((await limited.user('trainee')).token);
      expect(await call(other, 'session:start', { personaId: 'late-disbursement' })).toMatchObject({ ok: true });
    } finally {
      await limited.close();
      await limited.remove();
    }
  });
});

describe('sessions started per minute', () => {
  it('answers rate_limited past the limit, naming the wait; refused starts do not count', async () => {
    const limited = await startTestServer({ limits: { sessionStartsPerMinute: 2, maxOpenSessions: 10 } });
    try {
      const user = await limited.user('trainee');
      const [tab1, tab2] = [await limited.connect(user.token), await limited.connect(user.token)];
      // A start refused for another reason is not a session started.
      expect(await call(tab1, 'session:start', { personaId: 'no-such-persona' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const raced = await Promise.all([tab1, tab2, tab1].map((tab) => call(tab, 'session:start', { personaId: 'double-charge' })));
      expect(raced.filter((a) => a.ok)).toHaveLength(2);
      const refused = raced.find((a) => !a.ok)!;
      expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(!refused.ok && refused.error.message).toMatch(/^at most 2 sessions started per 60 seconds: try again in \d+ s$/);
      expect(await limited.ctx.store.countOpenSessions(user.id)).toBe(2);
      // Another trainee starts as usual.
      const other = await limited.connect((await limited.user('trainee')).token);
      expect(await call(other, 'session:start', { personaId: 'double-charge' })).toMatchObject({ ok: true });
    } finally {
      await limited.close();
      await limited.remove();
    }
  });
});

describe('connections per user', () => {
  it('refuses a connection past the limit with a clear connect_error, and frees the place on disconnect', async () => {
    const limited = await startTestServer({ limits: { socketsPerUser: 2 } });
    try {
      const user = await limited.user('trainee');
      const first = await limited.connect(user.token);
      await limited.connect(user.token);
      const refused = await limited.connect(user.token).then(
        () => null,
        (err: Error & { data?: { message?: string } }) => err,
      );
      expect(refused?.message).toBe('too_many_connections');
      expect(refused?.data?.message).toBe('at most 2 connections per user: close another tab or window, then reconnect');
      expect(limited.logs.some((l) => l.startsWith(`connection refused: user "${user.username}" from 127.0.0.1`))).toBe(true);
      // Another user connects as usual.
      await limited.connect((await limited.user('trainee')).token);
      // Once the server has seen one tab close, its place is free again.
      const closed = new Promise((resolve) => limited.io.of('/').sockets.get(first.id!)!.once('disconnect', resolve));
      first.disconnect();
      await closed;
      const third = await limited.connect(user.token);
      expect(await call(third, 'session:start', { personaId: 'double-charge' })).toMatchObject({ ok: true });
    } finally {
      await limited.close();
      await limited.remove();
    }
  });
});

describe('the address a socket comes from', () => {
  /** Connects with an X-Forwarded-For of the client's choosing; resolves with the connect_error. */
  const refusedFrom = (url: string, token: string, forwardedFor: string) =>
    new Promise<Error>((resolve, reject) => {
      const socket = connectClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': forwardedFor } });
      socket.once('connect', () => reject(new Error('connected')));
      socket.once('connect_error', (err) => {
        socket.close();
        resolve(err);
      });
    });

  it('is the forwarded one from a trusted proxy, as for a login, and the peer otherwise', async () => {
    for (const [trustProxy, expected] of [[['loopback'], '203.0.113.9'], [false, '127.0.0.1']] as const) {
      const server = await startTestServer({ limits: { socketsPerUser: 1 }, trustProxy: trustProxy === false ? false : [...trustProxy] });
      try {
        const user = await server.user('trainee');
        await server.connect(user.token);
        expect((await refusedFrom(server.url, user.token, '203.0.113.9')).message).toBe('too_many_connections');
        expect(server.logs.filter((l) => l.startsWith('connection refused'))).toEqual([
          `connection refused: user "${user.username}" from ${expected}: at the limit of 1 open connections`,
        ]);
      } finally {
        await server.close();
        await server.remove();
      }
    }
  });
});
