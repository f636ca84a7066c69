/**
 * `GET /api/signals`: the loaded rubric's signals as the web client labels them, for anyone
 * signed in, without a detector or a word list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalCatalog } from '../../server/scoring/rubric/signalCatalog.ts';
import { addUser, call, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  await addUser(server.ctx.store, 'tina', 'trainee');
  token = await tokenFor(server.url, 'tina');
});
afterAll(() => server.close());

describe('GET /api/signals', () => {
  it("lists every signal of the server's rubric with its label in each interface language", async () => {
    const res = await call(server.url, 'GET', '/api/signals', { token });
    expect(res.status).toBe(200);
    const catalog = SignalCatalog.parse(res.body);
    expect(catalog.rubric).toBe(server.ctx.rubric.id);
    expect(catalog.signals.map((s) => s.id)).toEqual(server.ctx.rubric.signals.map((s) => s.id));
    expect(catalog.signals.find((s) => s.id === 'conduct.credential_request')).toEqual({
      id: 'conduct.credential_request',
      criterion: 'conduct',
      tone: 'bad',
      tags: ['misconduct'],
      label: { en: 'asking for a code or password', 'zh-Hans': '索要验证码或密码', 'zh-Hant': '索取驗證碼或密碼' },
      failsSession: true,
    });
    expect(catalog.signals.find((s) => s.id === 'listening.reflection')).toMatchObject({ tone: 'good', label: { en: 'reflection', 'zh-Hant': '複述' } });
    expect(catalog.signals.find((s) => s.id === 'listening.closed_question')).toMatchObject({ tone: 'neutral' });
  });

  it('sends no detector, word list or feedback', async () => {
    const text = JSON.stringify((await call(server.url, 'GET', '/api/signals', { token })).body);
    for (const secret of ['detectors', 'phrases', 'feedback', 'points', '验证码是多少', 'read me the code']) expect(text).not.toContain(secret);
  });
});
