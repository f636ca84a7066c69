/**
 * `GET /metrics`, scraped as Prometheus does, after real activity over HTTP and socket.io:
 * absent without METRICS_TOKEN, behind the token with it, and each figure moves with what
 * happened (failed logins, sessions opened and ended, turns and their latency, a failing
 * store, the LLM's first words and its fallbacks).
 */
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { startLlmServers, startLlmSession, type LlmServers } from '../support/llmSessions.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { nextCustomerSay, say, startSession } from '../support/trainee.ts';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

let server: TestServer | undefined;
let llmServers: LlmServers | undefined;
afterEach(async () => {
  await server?.close();
  await server?.remove();
  await llmServers?.close();
  server = llmServers = undefined;
});

async function scrape(url: string, token: string | null = TOKEN): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** One sample's value from the Prometheus text format; 0 when the series is not there yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ? m[2].split(',') : [];
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3]);
  }
  return 0;
}

/** A store whose session list fails while `failing` is set: a disk gone wrong. */
function failingList(store: SessionStore, state: { failing: boolean }): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'listSessions' && typeof value === 'function') {
        return (...args: unknown[]) => (state.failing ? Promise.reject(new Error('EIO: disk on fire')) : (value as Function).apply(target, args));
      }
      return value;
    },
  });
}

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    server = await startTestServer();
    const res = await scrape(server.url);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'not_found', message: 'nothing at /metrics' } });
  });

  it('asks for the token, and its figures move with logins, sessions, turns and store failures', async () => {
    const store = { failing: false };
    server = await startTestServer({ metricsToken: TOKEN, wrapStore: (s) => failingList(s, store) });
    expect((await scrape(server.url, null)).status).toBe(401);
    expect((await scrape(server.url, `${TOKEN}x`)).status).toBe(401);

    const before = await scrape(server.url);
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    // The process's own figures come with ours.
    expect(before.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(before.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(sample(before.text, 'sparring_turns_total', { mode: 'scripted' })).toBe(0);

    const trainee = await server.user('trainee');
    expect((await server.signIn(trainee.username, 'not the password')).status).toBe(401);
    expect((await server.signIn(trainee.username, 'not the password either')).status).toBe(401);
    expect((await server.signIn(trainee.username, trainee.password)).status).toBe(200);

    const socket = await server.connect(trainee.token);
    const first = await startSession(socket, 'double-charge', 'en');
    await startSession(socket, 'late-disbursement', 'en');
    await say(socket, first.sessionId, 'I am so sorry about the double charge. Let me look into it for you.');
    await say(socket, first.sessionId, 'I can see the second charge from the 3rd of May.');
    const opened = await scrape(server.url);
    expect(sample(opened.text, 'sparring_open_sessions')).toBe(2);
    expect(await call(socket, 'session:end', { sessionId: first.sessionId })).toMatchObject({ ok: true });

    store.failing = true;
    const list = await fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${trainee.token}` } });
    expect(list.status).toBe(503);

    const after = (await scrape(server.url)).text;
    expect(sample(after, 'sparring_login_failures_total', { reason: 'unauthorized' })).toBe(2);
    expect(sample(after, 'sparring_turns_total', { mode: 'scripted' })).toBe(2);
    expect(sample(after, 'sparring_turn_latency_seconds_count')).toBe(2);
    expect(sample(after, 'sparring_turn_latency_seconds_sum')).toBeGreaterThan(0);
    expect(sample(after, 'sparring_turn_latency_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(sample(after, 'sparring_open_sessions')).toBe(1);
    expect(sample(after, 'sparring_store_errors_total', { method: 'listSessions' })).toBe(1);
  });

  it('times the LLM\'s first words and counts its fallbacks by reason', async () => {
    llmServers = await startLlmServers({}, { metricsToken: TOKEN });
    const { llm, server: llmServer } = llmServers;
    const { socket, sessionId } = await startLlmSession(llmServer);

    llm.enqueue({ kind: 'text', text: '好，那你們什麼時候會處理？', firstTokenDelayMs: 120 });
    await say(socket, sessionId, '非常抱歉讓您久等了。');
    llm.enqueue({ kind: 'http-error', status: 500, message: 'upstream exploded' });
    await say(socket, sessionId, '您的申請是兩週前提交的，對嗎？');
    llm.enqueue({ kind: 'hang' });
    const reply = nextCustomerSay(socket, sessionId);
    expect(await call(socket, 'trainee:say', { sessionId, text: '我馬上幫您查一下。' })).toMatchObject({ ok: true });
    expect((await reply).fallback).toBe(true);

    const text = (await scrape(llmServer.url)).text;
    expect(sample(text, 'sparring_llm_first_token_seconds_count')).toBe(1);
    expect(sample(text, 'sparring_llm_first_token_seconds_sum')).toBeGreaterThanOrEqual(0.1);
    expect(sample(text, 'sparring_llm_first_token_seconds_bucket', { le: '0.1' })).toBe(0);
    expect(sample(text, 'sparring_llm_fallbacks_total', { reason: 'unavailable' })).toBe(1);
    expect(sample(text, 'sparring_llm_fallbacks_total', { reason: 'timeout' })).toBe(1);
    expect(sample(text, 'sparring_turns_total', { mode: 'llm' })).toBe(3);
  });
});
