/**
 * POST /api/login: the right password gives a token that works, a wrong one or an unknown
 * user is one 401, every failure is logged without the password, and a guesser is stopped
 * with 429 and Retry-After until the window passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBody, LoginAnswer, SessionListItem } from '../../server/domain/apiAnswers.ts';
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

describe('a guesser', () => {
  it('is refused with 429 and Retry-After after five failures, even with the right password', async () => {
    const guesser = await startTestServer();
    try {
      await addUser(guesser.ctx.store, 'dave', 'trainee', 'dave password');
      for (let i = 0; i < 5; i++) {
        const res = await call(guesser.url, 'POST', '/api/login', { body: { username: 'dave', password: `guess ${i}` } });
        expect(res.status).toBe(401);
      }
      const limited = await call(guesser.url, 'POST', '/api/login', { body: { username: 'dave', password: 'dave password' } });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('too_many_attempts');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(guesser.logs.filter((l) => l.startsWith('login failed'))).toHaveLength(5);
      expect(guesser.logs.some((l) => l.startsWith('login refused') && l.includes('"dave"'))).toBe(true);
      expect(guesser.logs.join('\n')).not.toMatch(/guess \d|dave password/);
    } finally {
      await guesser.close();
    }
  });

  it('who fires guesses in parallel gets no more than the limit checked', async () => {
    const guesser = await startTestServer();
    try {
      await addUser(guesser.ctx.store, 'erin', 'trainee', 'erin password');
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => call(guesser.url, 'POST', '/api/login', { body: { username: 'erin', password: `guess ${i}` } })),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    } finally {
      await guesser.close();
    }
  });
});
