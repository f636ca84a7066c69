/**
 * The server's log as an operator reads it: JSON lines carrying the request id (the caller's
 * when it is safe, else a new one, sent back either way), the user and session ids, and the
 * socket events at debug; never a password, a token, or what the trainee or the customer said.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { say, startSession } from '../support/trainee.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await server?.remove();
  server = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the log', () => {
  it('a wrong password and a trainee turn: the ids are in the lines, the password, the token and the words are not', async () => {
    server = await startTestServer();
    const trainee = await server.user('trainee');
    const wrongPassword = 'Zebra-wrong-9931-password';

    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-7f3a.1' },
      body: JSON.stringify({ username: trainee.username, password: wrongPassword }),
    });
    expect(login.status).toBe(401);
    expect(login.headers.get('x-request-id')).toBe('proxy-7f3a.1');

    const socket = await server.connect(trainee.token);
    const { sessionId } = await startSession(socket, 'double-charge', 'en');
    const words = 'I am so sorry about the Quokka-5521 charge on your card';
    const [, customer] = await say(socket, sessionId, words);
    expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: true });

    // An id too long to be a proxy's is replaced, not echoed.
    const detail = await fetch(`${server.url}/api/sessions/${sessionId}?view=full`, {
      headers: { authorization: `Bearer ${trainee.token}`, 'x-request-id': 'x'.repeat(200) },
    });
    expect(detail.status).toBe(200);
    const generated = detail.headers.get('x-request-id')!;
    expect(generated).toMatch(UUID);

    const records = server.logRecords;
    const written = JSON.stringify(records);
    for (const secret of [wrongPassword, trainee.token, words, customer.text, 'Quokka']) expect(written).not.toContain(secret);

    const loginLine = records.find((r) => r.msg === 'POST /api/login 401');
    expect(loginLine).toMatchObject({ level: 'info', requestId: 'proxy-7f3a.1', req: { method: 'POST', path: '/api/login' }, res: { status: 401 } });
    expect(server.logs.some((l) => l.startsWith('login failed') && l.includes(trainee.username))).toBe(true);

    const detailLine = records.find((r) => r.msg === `GET /api/sessions/${sessionId} 200`);
    // The path without its query string, who asked and about which session.
    expect(detailLine).toMatchObject({ level: 'info', requestId: generated, userId: trainee.id, sessionId, req: { path: `/api/sessions/${sessionId}` } });

    const events = records.filter((r) => typeof r.event === 'string');
    expect(events.map((r) => [r.event, r.ack])).toEqual([
      ['session:start', 'ok'],
      ['trainee:say', 'ok'],
      ['session:end', 'ok'],
    ]);
    for (const line of events) expect(line).toMatchObject({ level: 'debug', userId: trainee.id, sessionId });
    expect(records.find((r) => r.msg === 'socket connected')).toMatchObject({ level: 'debug', userId: trainee.id, socketId: socket.id });
  });

  it('keeps probes at debug, and a request id that could forge a line is never echoed', async () => {
    server = await startTestServer();
    const health = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'a b"c' } });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(UUID);
    expect(server.logRecords.find((r) => r.msg === 'GET /api/health 200')).toMatchObject({ level: 'debug' });
    expect(server.logs.filter((l) => l.includes('/api/health'))).toEqual([]);
  });
});
