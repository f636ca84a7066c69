// Who may connect and who may do what over the socket: the token is checked at the
// handshake (server/realtime/handshake.ts), and a session is played by its trainee alone
// (server/auth/access.ts). Decision: trainees start sessions, and QA to try a persona out
// (marked `tryout`); coaches and admins practise with a trainee account. Another user's
// session is `forbidden`, and none of its events reach anyone but its trainee.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStartOk } from '../../server/sessions/serverEvents.ts';
import { call, record, settled } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

async function refusal(token: string | undefined): Promise<string> {
  try {
    await server.connect(token);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the connection was accepted');
}

async function signed(key: Uint8Array, claims: { sub: string; username: string; role: string }, expires: number): Promise<string> {
  return new SignJWT({ username: claims.username, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt(expires - 3600)
    .setExpirationTime(expires)
    .sign(key);
}

describe('the handshake', () => {
  it('accepts the token a login over HTTP gives', async () => {
    const trainee = await server.user('trainee');
    const login = await server.signIn(trainee.username, trainee.password);
    expect(login.status).toBe(200);
    const socket = await server.connect(login.token!);
    expect(socket.connected).toBe(true);
  });

  it('refuses a connection without a token, or with a garbled, forged or expired one', async () => {
    const trainee = await server.user('trainee');
    const realKey = Buffer.from(await server.ctx.store.secret('token-key', () => 'unused'), 'base64');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: trainee.id, username: trainee.username, role: 'trainee' };
    expect(await refusal(undefined)).toBe('unauthorized');
    expect(await refusal('')).toBe('unauthorized');
    expect(await refusal('not.a.token')).toBe('unauthorized');
    expect(await refusal(`${trainee.token}x`)).toBe('unauthorized');
    expect(await refusal('a'.repeat(10_000))).toBe('unauthorized');
    expect(await refusal(await signed(new Uint8Array(32).fill(7), claims, now + 3600))).toBe('unauthorized');
    expect(await refusal(await signed(realKey, claims, now - 10))).toBe('unauthorized');
    // Signed right, for a user who does not exist.
    expect(await refusal(await signed(realKey, { ...claims, sub: 'nobody' }, now + 3600))).toBe('unauthorized');
    // And the real token still works.
    expect((await server.connect(trainee.token)).connected).toBe(true);
  });

  it('refuses a token that is not a string', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(server.url, { auth: { token: { sub: 'x' } }, transports: ['websocket'], reconnection: false, forceNew: true });
    const message = await new Promise<string>((resolve) => socket.once('connect_error', (err) => resolve(err.message)));
    socket.close();
    expect(message).toBe('unauthorized');
  });
});

describe('whose session it is', () => {
  it('another trainee can neither say, resume nor end it, and hears none of its events', async () => {
    const owner = await server.user('trainee');
    const other = await server.user('trainee');
    const ownerSocket = await server.connect(owner.token);
    const otherSocket = await server.connect(other.token);
    const ownerHeard = record(ownerSocket);
    const otherHeard = record(otherSocket);
    const { sessionId } = SessionStartOk.parse(await call(ownerSocket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' }));

    const forbidden = { ok: false, error: { code: 'forbidden', message: 'this session is not yours' } };
    expect(await call(otherSocket, 'trainee:say', { sessionId, text: '你好，我是另一位專員。' })).toEqual(forbidden);
    expect(await call(otherSocket, 'trainee:say', { sessionId, text: '你好', index: 1 })).toEqual(forbidden);
    expect(await call(otherSocket, 'session:resume', { sessionId })).toEqual(forbidden);
    expect(await call(otherSocket, 'session:end', { sessionId })).toEqual(forbidden);
    const stored = (await server.ctx.store.getSession(sessionId))!;
    expect(stored.turns).toHaveLength(1);
    expect(stored.session.endedAt).toBeNull();

    // The owner's conversation goes on; the other trainee hears nothing of it.
    await call(ownerSocket, 'trainee:say', { sessionId, text: '陳先生，真的很抱歉讓您久等。' });
    await ownerHeard.next('customer:say');
    await call(ownerSocket, 'session:end', { sessionId });
    await ownerHeard.next('session:ended');
    await settled(otherSocket, sessionId);
    expect(otherHeard.all).toEqual([]);
  });

  it('trainees start sessions, QA only try-outs; coaches and admins cannot start one', async () => {
    const trainee = await server.user('trainee');
    const traineeSocket = await server.connect(trainee.token);
    const { sessionId } = SessionStartOk.parse(await call(traineeSocket, 'session:start', { personaId: 'double-charge' }));
    expect((await server.ctx.store.getSession(sessionId))!.session.tryout).toBeUndefined();

    const qa = await server.user('qa');
    const qaSocket = await server.connect(qa.token);
    const tryout = SessionStartOk.parse(await call(qaSocket, 'session:start', { personaId: 'double-charge', locale: 'zh-Hant' }));
    expect((await server.ctx.store.getSession(tryout.sessionId))!.session).toMatchObject({ traineeId: qa.id, tryout: true });
    // The try-out is QA's own to play.
    expect(await call(qaSocket, 'trainee:say', { sessionId: tryout.sessionId, text: '林小姐，很抱歉讓您被多扣款。' })).toMatchObject({ ok: true });

    for (const role of ['coach', 'admin'] as const) {
      const user = await server.user(role);
      const socket = await server.connect(user.token);
      expect(await call(socket, 'session:start', { personaId: 'double-charge' })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'only trainees start training sessions (and QA, to try a persona out)' },
      });
      expect(await server.ctx.store.listSessions({ traineeId: user.id })).toEqual([]);
    }
  });

  it('coaches, QA and admins cannot play a trainee’s session', async () => {
    const trainee = await server.user('trainee');
    const traineeSocket = await server.connect(trainee.token);
    const { sessionId } = SessionStartOk.parse(await call(traineeSocket, 'session:start', { personaId: 'double-charge' }));
    for (const role of ['coach', 'qa', 'admin'] as const) {
      const user = await server.user(role);
      const socket = await server.connect(user.token);
      const heard = record(socket);
      // Coaches and admins read transcripts over HTTP; nobody speaks, resumes or ends for a trainee.
      for (const event of ['session:resume', 'session:end'] as const) {
        expect(await call(socket, event, { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await call(socket, 'trainee:say', { sessionId, text: 'hello' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await call(traineeSocket, 'trainee:say', { sessionId, text: `I am sorry for the trouble (${role}).` });
      // Waits for the customer's reply to that turn, then for anything it sent this connection.
      await settled(socket, sessionId);
      expect(heard.all).toEqual([]);
      expect(await server.ctx.store.listSessions({ traineeId: user.id })).toEqual([]);
    }
  });
});
