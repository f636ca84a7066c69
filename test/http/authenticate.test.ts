/**
 * The Bearer-token check: no token, a garbled one, an expired one, one signed with another
 * key, and the valid token of a user the store does not know are all 401 in the one error
 * shape; a valid token of a known user passes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/domain/records.ts';
import { ErrorBody } from '../../server/domain/apiAnswers.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let alice: User;
let storeKey: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  alice = await addUser(server.ctx.store, 'alice', 'trainee');
  // The signing key the server uses, read back from where tokens.ts keeps it.
  storeKey = Buffer.from(await server.ctx.store.secret('token-key', () => 'unused'), 'base64');
});
afterAll(() => server.close());

function sign(key: Buffer, sub: string, exp: number | string = '1h'): Promise<string> {
  return new SignJWT({ username: 'alice', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setJti(randomUUID()).setSubject(sub).setIssuedAt().setExpirationTime(exp).sign(key);
}

const sessions = (token?: string) => call(server.url, 'GET', '/api/sessions', token ? { token } : {});

describe('authenticate', () => {
  it('lets a valid token through', async () => {
    expect((await sessions(await tokenFor(server.url, 'alice'))).status).toBe(200);
  });

  it('answers 401 without a token', async () => {
    const res = await sessions();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/Bearer/) } });
    expectShape(ErrorBody, res.body);
  });

  it('answers 401 to a header that is not a Bearer token', async () => {
    for (const authorization of ['Basic YWxpY2U6eA==', 'Bearer', 'Bearer a b', 'bearer']) {
      const res = await call(server.url, 'GET', '/api/sessions', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('answers 401 to garbage', async () => {
    expect((await sessions('not.a.token')).status).toBe(401);
  });

  it('answers 401 to an expired token', async () => {
    const expired = await sign(storeKey, alice.id, Math.floor(Date.now() / 1000) - 60);
    const res = await sessions(expired);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('answers 401 once a token has run out, and not a second before', async () => {
    // The server's clock, moved by the test; a token lives SPARRING_TOKEN_HOURS.
    let now = Date.now();
    const clocked = await startTestServer({ env: { SPARRING_TOKEN_HOURS: '1' }, now: () => now });
    try {
      await addUser(clocked.ctx.store, 'bob', 'trainee');
      const token = await tokenFor(clocked.url, 'bob');
      const sessionsOf = () => call(clocked.url, 'GET', '/api/sessions', { token });
      expect((await sessionsOf()).status).toBe(200);
      now += 3600_000 - 1000;
      expect((await sessionsOf()).status).toBe(200);
      now += 2000;
      const res = await sessionsOf();
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    } finally {
      await clocked.close();
    }
  });

  it('answers 401 to a token signed with another key, whatever it claims', async () => {
    const forged = await sign(randomBytes(32), alice.id);
    expect((await sessions(forged)).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/users', { token: forged })).status).toBe(401);
  });

  it('answers 401 to a valid token for a user who does not exist', async () => {
    expect((await sessions(await sign(storeKey, randomUUID()))).status).toBe(401);
  });

  it('takes the role from the store, not from the token', async () => {
    // Signed with the real key and claiming admin: alice is still a trainee.
    const claimsAdmin = await sign(storeKey, alice.id);
    expect((await call(server.url, 'GET', '/api/users', { token: claimsAdmin })).status).toBe(403);
  });
});
