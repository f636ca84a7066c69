/**
 * A body sent with a `Content-Encoding`: made up ("fake"), or gzip that is or is not gzip.
 * The API takes plain JSON only, so each is 400 bad_request saying what to send, on the
 * general routes and on the persona files' own parser; nothing is logged as a server bug.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../server/domain/apiAnswers.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let qa: string;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.ctx.store, 'quinn', 'qa');
  qa = await tokenFor(server.url, 'quinn');
});
afterAll(() => server.close());

const LOGIN = JSON.stringify({ username: 'quinn', password: 'wrong password' });

async function post(path: string, encoding: string, body: string | Buffer, token?: string) {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('a body with a content encoding', () => {
  it.each([
    { name: 'a made-up encoding', encoding: 'fake', body: LOGIN },
    { name: 'gzip that is not gzip', encoding: 'gzip', body: LOGIN },
    { name: 'gzip that is gzip', encoding: 'gzip', body: gzipSync(LOGIN) },
    { name: 'a list of encodings', encoding: 'gzip, fake', body: LOGIN },
  ])('is refused with 400 naming what to send: $name', async ({ encoding, body }) => {
    const res = await post('/api/login', encoding, body);
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error).toEqual({ code: 'bad_request', message: 'body: send JSON in UTF-8, without content encoding' });
    expect(server.logs.filter((l) => /internal error|login failed/.test(l))).toEqual([]);
  });

  it('is refused the same way by the persona files’ own parser', async () => {
    const res = await post('/api/persona-files/check', 'gzip', '{"text":"id: x"}', qa);
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error).toEqual({ code: 'bad_request', message: 'body: send JSON in UTF-8, without content encoding' });
    expect(server.logs.filter((l) => l.includes('internal error'))).toEqual([]);
  });

  it('identity is no encoding at all: the body is read', async () => {
    const res = await call(server.url, 'POST', '/api/login', { rawBody: LOGIN, headers: { 'content-encoding': 'identity' } });
    expect(res.status).toBe(401);
  });
});
