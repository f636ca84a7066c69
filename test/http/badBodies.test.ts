/**
 * Bodies that do not fit: a missing field, a wrong type, an extra key (`__proto__`
 * included), a body over the limit, malformed JSON. Each is 400 bad_request naming what is
 * wrong, and the store is left as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, PublicUser } from '../../server/domain/apiAnswers.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.ctx.store, 'ada', 'admin');
  admin = await tokenFor(server.url, 'ada');
});
afterAll(() => server.close());

const good = { username: 'newbie', password: 'a long enough password', role: 'trainee' };

const CASES: Array<{ name: string; body?: unknown; rawBody?: string; message: RegExp }> = [
  { name: 'a missing username', body: { password: good.password, role: good.role }, message: /^username: / },
  { name: 'a missing password', body: { username: good.username, role: good.role }, message: /^password: / },
  { name: 'a password too short', body: { ...good, password: 'short' }, message: /^password: must be at least 12 characters/ },
  { name: 'a number for a username', body: { ...good, username: 42 }, message: /^username: .*expected string/ },
  { name: 'an unknown role', body: { ...good, role: 'superuser' }, message: /^role: / },
  { name: 'a username with spaces', body: { ...good, username: 'new bie' }, message: /^username: may hold letters/ },
  { name: 'an extra field', body: { ...good, isAdmin: true }, message: /"isAdmin": unknown field/ },
  { name: 'a __proto__ key', rawBody: '{"username":"newbie","password":"a long enough password","role":"trainee","__proto__":{"role":"admin"}}', message: /"__proto__": unknown field/ },
  { name: 'a constructor key', rawBody: '{"username":"newbie","password":"a long enough password","role":"trainee","constructor":{"prototype":{"x":1}}}', message: /"constructor": unknown field/ },
  { name: 'an array', body: [good], message: /^body: .*expected object/ },
  { name: 'malformed JSON', rawBody: '{"username": "newbie",', message: /^body: malformed JSON/ },
  { name: 'a body over 64 kB', body: { ...good, username: 'x'.repeat(70_000) }, message: /^body: larger than 64 kB/ },
];

describe('POST /api/users with a bad body', () => {
  it.each(CASES)('refuses $name with 400 and stores nothing', async ({ body, rawBody, message }) => {
    const before = await server.ctx.store.countUsers();
    const res = await call(server.url, 'POST', '/api/users', { token: admin, body, rawBody });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
    expectShape(ErrorBody, res.body);
    expect(await server.ctx.store.countUsers()).toBe(before);
    expect(await server.ctx.store.findUserByUsername('newbie')).toBeNull();
    // Nothing leaked into the prototype of every object.
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('refuses a body that is not JSON', async () => {
    const res = await call(server.url, 'POST', '/api/users', { token: admin, rawBody: 'username=newbie', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error.code).toBe('bad_request');
    expect(await server.ctx.store.findUserByUsername('newbie')).toBeNull();
  });

  it('takes the good body, then answers 409 for the same name', async () => {
    const created = await call(server.url, 'POST', '/api/users', { token: admin, body: good });
    expect(created.status).toBe(201);
    expect(expectShape(PublicUser, created.body)).toEqual({ id: expect.any(String), username: 'newbie', role: 'trainee', createdAt: expect.any(String), disabled: false });
    const again = await call(server.url, 'POST', '/api/users', { token: admin, body: { ...good, username: 'NewBie', role: 'coach' } });
    expect(again.status).toBe(409);
    expect(expectShape(ErrorBody, again.body).error.code).toBe('conflict');
    expect(await server.ctx.store.findUserByUsername('newbie')).toMatchObject({ role: 'trainee' });
    expect((await call(server.url, 'POST', '/api/login', { body: { username: 'newbie', password: good.password } })).status).toBe(200);
  });
});

describe('POST /api/login with a bad body', () => {
  it.each([
    { name: 'a wrong type', body: { username: 'ada', password: 12345678 }, message: /^password: / },
    { name: 'a __proto__ key', rawBody: '{"username":"ada","password":"correct horse","__proto__":{}}', message: /"__proto__": unknown field/ },
    { name: 'malformed JSON', rawBody: '{', message: /^body: malformed JSON/ },
  ])('refuses $name with 400, without counting it as a failed login', async ({ body, rawBody, message }) => {
    const res = await call(server.url, 'POST', '/api/login', { body, rawBody });
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error.message).toMatch(message);
    expect(server.logs.filter((l) => l.startsWith('login failed'))).toEqual([]);
  });
});

describe('GET /api/personas/:id with a bad query', () => {
  it('names the locale it does not know', async () => {
    const token = await tokenFor(server.url, 'ada');
    const res = await call(server.url, 'GET', '/api/personas/double-charge?locale=fr', { token });
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error.message).toMatch(/^locale: /);
  });
});
