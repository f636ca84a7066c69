// A persona QA retired (a saved version with `retired: true`): a trainee can no longer start
// a session with it, a session started before goes on, and QA can still try it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStartOk } from '../../server/sessions/serverEvents.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}/api/persona-files${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

describe('a retired persona', () => {
  it('cannot be started by a trainee; a session begun before goes on, and QA still tries it out', async () => {
    const trainee = await server.user('trainee');
    const traineeSocket = await server.connect(trainee.token);
    const before = SessionStartOk.parse(await call(traineeSocket, 'session:start', { personaId: 'double-charge', locale: 'en' }));

    const qa = await server.user('qa');
    const { text, version } = (await api('GET', '/double-charge/en', qa.token)).body as { text: string; version: number };
    expect((await api('PUT', '/double-charge/en', qa.token, { text: `${text}\nretired: true\n`, baseVersion: version })).status).toBe(201);

    expect(await call(traineeSocket, 'session:start', { personaId: 'double-charge', locale: 'en' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'the persona "double-charge" is retired' },
    });
    expect(await call(traineeSocket, 'trainee:say', { sessionId: before.sessionId, text: "I'm sorry, Ms Santos. Let me look into it." })).toMatchObject({ ok: true });
    expect(await call(traineeSocket, 'session:start', { personaId: 'double-charge', locale: 'zh-Hans' })).toMatchObject({ ok: true });

    const qaSocket = await server.connect(qa.token);
    expect(await call(qaSocket, 'session:start', { personaId: 'double-charge', locale: 'en' })).toMatchObject({ ok: true });
  });
});
