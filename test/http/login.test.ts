/**
 * POST /api/login: the right password gives a token that works, a wrong one or an unknown
 * user is one 401, every failure is logged without the password, and a guesser is slowed
 * with 429 and Retry-After, by username and address together and by address alone, without
 * locking the user out from their own address. Behind a proxy (TRUST_PROXY) the address is
 * the one the proxy forwards; without it X-Forwarded-For is ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBody, LoginAnswer, SessionListItem } from '../../server/domain/apiAnswers.ts';
import { createLoginLimiter } from '../../server/auth/loginLimiter.ts';
import { MEMORY } from '../../server/limits/limitStore.ts';
import { addUser, call, expectShape, startTestServer, type TestServer } from './httpTestServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.ctx.store, 'alice', 'trainee', 'alice password');
  await addUser(server.ctx.store, 'carol', 'coach', 'carol password');
});
afterAll(() => server.close());

describe('POST /api/login', () => {
  it('answers a token and the user for the right password', async () => {
    const res = await call(server.url, 'POST', '/api/login', { body: { username: 'alice', password: 'alice password' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(String), username: 'alice', role: 'trainee', mustChangePassword: false });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const answer = expectShape(LoginAnswer, res.body);
    const me = await call(server.url, 'GET', '/api/sessions', { token: answer.token });
    expect(me.status).toBe(200);
    expectShape(z.array(SessionListItem), me.body);
  });

  it('takes the username in any case', async () => {
    const res = await call(server.url, 'POST', '/api/login', { body: { username: ' Alice ', password: 'alice password' } });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('alice');
  });

  it('answers one 401 for a wrong password and for an unknown user, and logs both without the password', async () => {
    const wrong = await call(server.url, 'POST', '/api/login', { body: { username: 'carol', password: 'not-her-secret-1' } });
    const unknown = await call(server.url, 'POST', '/api/login', { body: { username: 'nobody', password: 'not-her-secret-2' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'unauthorized', message: 'wrong username or password' } });
    expect(unknown.body).toEqual(wrong.body);
    expectShape(ErrorBody, wrong.body);
    const failures = server.logs.filter((l) => l.startsWith('login failed'));
    expect(failures.some((l) => l.includes('"carol"') && l.includes('wrong password'))).toBe(true);
    expect(failures.some((l) => l.includes('"nobody"') && l.includes('no such user'))).toBe(true);
    expect(server.logs.join('\n')).not.toMatch(/not-her-secret/);
  });

  it('names the missing field', async () => {
    const res = await call(server.url, 'POST', '/api/login', { body: { username: 'alice' } });
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/^password: /);
  });
});

/**
 * A server whose login waits start at a minute instead of a second, so that no answer, however
 * slow the machine, arrives after the wait it opened has passed.
 */
async function slowWaitServer(logs: string[], env: Record<string, string> = {}): Promise<TestServer> {
  const loginLimiter = createLoginLimiter(MEMORY, { freeFailures: 5, addressFailuresPerHour: 100, firstDelaySeconds: 60, log: (line) => logs.push(line) });
  return startTestServer({ loginLimiter, env });
}

const login = (server: TestServer, username: string, password: string, from?: string) =>
  call(server.url, 'POST', '/api/login', { body: { username, password }, ...(from ? { headers: { 'x-forwarded-for': from } } : {}) });

describe('a guesser', () => {
  it('gets five failures free, then waits before each attempt with 429 and Retry-After, even with the right password', async () => {
    const logs: string[] = [];
    const guesser = await slowWaitServer(logs);
    try {
      await addUser(guesser.ctx.store, 'dave', 'trainee', 'dave password');
      for (let i = 0; i < 6; i++) expect((await login(guesser, 'dave', `guess ${i}`)).status).toBe(401);
      const limited = await login(guesser, 'dave', 'dave password');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('too_many_attempts');
      expect(limited.body.error.message).toMatch(/^too many failed attempts: try again in \d+ s$/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(logs.filter((l) => l.startsWith('login failed'))).toHaveLength(6);
      expect(logs.some((l) => l.startsWith('login refused') && l.includes('"dave"'))).toBe(true);
      expect(logs.join('\n')).not.toMatch(/guess \d|dave password/);
    } finally {
      await guesser.close();
    }
  });

  it('who fires guesses in parallel gets no more than the free failures and one more checked', async () => {
    const guesser = await slowWaitServer([]);
    try {
      await addUser(guesser.ctx.store, 'erin', 'trainee', 'erin password');
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(guesser, 'erin', `guess ${i}`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    } finally {
      await guesser.close();
    }
  });

  it('from one address does not stop the user signing in from another', async () => {
    const guesser = await slowWaitServer([], { TRUST_PROXY: 'loopback' });
    try {
      await addUser(guesser.ctx.store, 'admin', 'admin', 'the admin password');
      const answers = [];
      for (let i = 0; i < 20; i++) answers.push((await login(guesser, 'admin', `guess ${i}`, '203.0.113.66')).status);
      expect(answers).toContain(429);
      expect((await login(guesser, 'admin', 'the admin password', '198.51.100.7')).status).toBe(200);
      // The guesser's address still waits, right password or not.
      expect((await login(guesser, 'admin', 'the admin password', '203.0.113.66')).status).toBe(429);
    } finally {
      await guesser.close();
    }
  });

  it('is stopped by address alone after the hourly failures, whatever the usernames', async () => {
    const guesser = await startTestServer({ env: { SPARRING_LOGIN_ADDRESS_FAILURES: '4' } });
    try {
      for (const name of ['ann', 'ben', 'cat', 'dan']) expect((await login(guesser, name, 'a guess')).status).toBe(401);
      const limited = await login(guesser, 'eve', 'a guess');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
    } finally {
      await guesser.close();
    }
  });
});

describe('behind a proxy', () => {
  const ADDRESS_LIMIT = { SPARRING_LOGIN_ADDRESS_FAILURES: '30' };

  /** 30 failures with a different username each (so only the per-address count grows), from `from(i)`. */
  async function thirtyFailures(server: TestServer, from: (i: number) => string): Promise<void> {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(server, `user${i}`, 'a guess', from(i))));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
  }

  it('with TRUST_PROXY, counts per forwarded client: one client’s failures do not block another', async () => {
    const server = await startTestServer({ env: { ...ADDRESS_LIMIT, TRUST_PROXY: '127.0.0.1' } });
    try {
      await addUser(server.ctx.store, 'mei', 'trainee', 'mei password');
      await thirtyFailures(server, () => '203.0.113.5');
      expect((await login(server, 'mei', 'mei password', '203.0.113.5')).status).toBe(429);
      expect((await login(server, 'mei', 'mei password', '203.0.113.6')).status).toBe(200);
      expect(server.logs.some((l) => l.startsWith('login refused') && l.includes('from 203.0.113.5'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For: a spoofer cannot pick a fresh address', async () => {
    const server = await startTestServer({ env: ADDRESS_LIMIT });
    try {
      await thirtyFailures(server, (i) => `203.0.113.${i}`);
      expect((await login(server, 'user99', 'a guess', '198.51.100.1')).status).toBe(429);
      expect(server.logs.filter((l) => l.startsWith('login failed')).every((l) => l.includes('from 127.0.0.1'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
