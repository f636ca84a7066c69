// Sessions in LLM mode against the OpenAI-compatible test server (test/support/openaiTestServer.ts):
// the reply streams as customer:delta events before customer:say, and an endpoint that fails
// gives a customer:error and the scripted line, and the session goes on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CustomerSay, SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import type { OpenAiTestServer } from '../support/openaiTestServer.ts';
import { call, record } from '../support/socketClient.ts';
import { startLlmServers, startLlmSession, type LlmServers } from '../support/llmSessions.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';


let llm: OpenAiTestServer;
let server: TestServer;
let servers: LlmServers;
beforeAll(async () => {
  servers = await startLlmServers();
  ({ llm, server } = servers);
});
afterAll(() => servers.close());
afterEach(() => llm.reset());

const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。';
const REPLY = '好吧，你先查清楚。我已經等了兩個禮拜，今天之內一定要給我一個交代，不然我真的要去投訴了。';

const llmSession = () => startLlmSession(server);

describe('LLM mode', () => {
  it('streams the reply as customer:delta events, in order, before customer:say', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.enqueue({ kind: 'text', text: REPLY, chunkDelayMs: 5 });
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: APOLOGY }));
    expect(ack.index).toBe(1);
    const say = CustomerSay.parse(await events.next('customer:say'));
    expect(say).toMatchObject({ sessionId, index: 2, text: REPLY, ended: false });
    expect(say.fallback).toBeUndefined();

    const names = events.all.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(['trainee:said', 'customer:typing']);
    expect(names.at(-1)).toBe('customer:say');
    const deltas = events.of('customer:delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(names.slice(2, -1).every((n) => n === 'customer:delta')).toBe(true);
    expect(deltas.every((d) => d.sessionId === sessionId && d.index === 2)).toBe(true);
    expect(deltas.map((d) => d.text).join('')).toBe(REPLY);

    // The model saw the trainee's words; the reply is stored with the customer's state.
    expect(llm.requests).toHaveLength(1);
    expect(JSON.stringify(llm.requests[0]!.body.messages)).toContain(APOLOGY);
    const stored = (await server.ctx.store.getSession(sessionId))!.turns[2]!;
    expect(stored).toMatchObject({ role: 'customer', text: REPLY, mood: say.mood });
    expect(stored.state).toBeDefined();
    expect(stored.fallback).toBeUndefined();
  });

  it('falls back to the scripted line with a customer:error when the endpoint fails, and the session goes on', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.enqueue({ kind: 'http-error', status: 500, message: 'model crashed' });
    await call(socket, 'trainee:say', { sessionId, text: APOLOGY });
    const say = await events.next('customer:say');
    const error = await events.next('customer:error');
    expect(error).toMatchObject({ sessionId, index: 2, fallback: true, error: { code: 'llm_unavailable' } });
    expect(say).toMatchObject({ index: 2, fallback: true });
    expect(events.all.map((e) => e.event)).toEqual(['trainee:said', 'customer:typing', 'customer:error', 'customer:say']);
    const stored = (await server.ctx.store.getSession(sessionId))!.turns[2]!;
    expect(stored).toMatchObject({ text: say.text, fallback: true });
    // The scripted line is one of the persona's.
    expect(say.text.length).toBeGreaterThan(0);

    // The endpoint recovers: the next reply is the model's again.
    llm.enqueue({ kind: 'text', text: REPLY });
    const next = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: '可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？' }));
    expect(next.index).toBe(3);
    expect(await events.next('customer:say', (p) => p.index === 4)).toMatchObject({ text: REPLY });
  });

  it('gives the trainee the scripted line, not the words, when the model speaks as a program behind a zero-width space', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.enqueue({ kind: 'text', text: '好啦，我跟你說實話，我是A\u200bI，不是陳先生。', chunkDelayMs: 2 });
    await call(socket, 'trainee:say', { sessionId, text: APOLOGY });
    const say = await events.next('customer:say');
    expect(say).toMatchObject({ index: 2, fallback: true });
    expect(events.of('customer:error')[0]).toMatchObject({ sessionId, index: 2, fallback: true });
    const streamed = events.of('customer:delta').map((d) => d.text).join('');
    expect(streamed).not.toMatch(/A\u200b?I|陳先生/);
    expect((await server.ctx.store.getSession(sessionId))!.turns[2]).toMatchObject({ text: say.text, fallback: true });
  });

  it('falls back in bounded time when the endpoint never answers', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.enqueue({ kind: 'hang' });
    const t0 = Date.now();
    await call(socket, 'trainee:say', { sessionId, text: APOLOGY });
    const say = await events.next('customer:say');
    // The first-token limit is 500 ms; the overall limit (1500 ms) is never reached.
    expect(Date.now() - t0).toBeLessThan(1400);
    expect(say.fallback).toBe(true);
    expect(events.of('customer:error')[0]).toMatchObject({ error: { code: 'llm_timeout' } });
  });

  it('starts a scripted session when the server has no LLM endpoint, and says so', async () => {
    const plain = await startTestServer();
    try {
      const user = await plain.user('trainee');
      const socket = await plain.connect(user.token);
      const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant', mode: 'llm' }));
      expect(started.mode).toBe('scripted');
      expect((await plain.ctx.store.getSession(started.sessionId))!.session.mode).toBe('scripted');
    } finally {
      await plain.close();
      await plain.remove();
    }
  });
});
