// Every way the LLM endpoint can fail, through the whole server: a trainee in an `llm`
// session says a line over a real socket.io connection while the OpenAI-compatible test
// server (test/support/openaiTestServer.ts) misbehaves one way. The trainee hears of it
// (`customer:error` with the code, `fallback: true`), then the persona's scripted line, within
// a time set by the configured limits; and the next turn of the same session is the model's
// again. A reply cut short after a whole sentence is no failure: that sentence is said.
// The engine's own cases are in test/personas/voice/llmVoice.test.ts; the plain fallback
// and its events' order in test/sessions/llmMode.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { startOpenAiTestServer, type Behaviour, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { call, record, type Recorder } from '../support/socketClient.ts';
import { startTestServer, type TestClient, type TestServer } from '../support/testServer.ts';

for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];

/** Short limits, so the whole table runs in seconds. */
const LIMITS = { timeoutMs: 1500, firstTokenTimeoutMs: 500 };
/** What a failure may take beyond its own limit: the socket, the store, the scoring. */
const SLACK_MS = 900;
const AT_ONCE = SLACK_MS;
const FIRST_TOKEN_LIMIT = LIMITS.firstTokenTimeoutMs + SLACK_MS;
const OVERALL_LIMIT = LIMITS.timeoutMs + SLACK_MS;

const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。';
const FOLLOW_UP = '可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？';
const RECOVERED = '有啦，上禮拜有個小姐打來叫我補收入證明，我隔天就傳真過去了。';
/** A reply that breaks off. Sent in chunks of three characters: two are half a sentence, three a whole one. */
const BROKEN_OFF = '好，我等你查。可是你們上次也說會處理';

interface Fault {
  /** What goes wrong. */
  name: string;
  /** Makes the endpoint fail for the trainee's next line. */
  fail(llm: OpenAiTestServer): Promise<void> | void;
  /** Puts the endpoint right for the next turn. */
  heal?(llm: OpenAiTestServer): Promise<void>;
  /** The `customer:error` code, or the words said when part of the reply is kept. */
  expected: { code: string } | { kept: string };
  /** The longest the customer may take to answer, in ms. */
  within: number;
  /** The shortest, when a timer is what ends the wait. */
  notBefore?: number;
}

const fails = (behaviour: Behaviour) => (llm: OpenAiTestServer) => llm.enqueue(behaviour);

const FAULTS: Fault[] = [
  { name: 'connection refused (the endpoint is down)', fail: (llm) => llm.down(), heal: (llm) => llm.up(), expected: { code: 'llm_unavailable' }, within: AT_ONCE },
  { name: 'HTTP 500', fail: fails({ kind: 'http-error', status: 500, message: 'model crashed' }), expected: { code: 'llm_unavailable' }, within: AT_ONCE },
  { name: 'HTTP 429 with retry-after', fail: fails({ kind: 'http-error', status: 429, retryAfterSeconds: 30 }), expected: { code: 'llm_rate_limited' }, within: AT_ONCE },
  { name: 'the stream stops halfway with nothing usable', fail: fails({ kind: 'drop', text: BROKEN_OFF, afterChunks: 2 }), expected: { code: 'llm_unavailable' }, within: AT_ONCE },
  { name: 'the stream stops halfway after a whole sentence', fail: fails({ kind: 'drop', text: BROKEN_OFF, afterChunks: 5 }), expected: { kept: '好，我等你查。' }, within: AT_ONCE },
  {
    name: 'the stream stalls with nothing usable',
    fail: fails({ kind: 'stall', text: BROKEN_OFF, afterChunks: 2 }),
    expected: { code: 'llm_timeout' },
    within: OVERALL_LIMIT,
    notBefore: LIMITS.timeoutMs,
  },
  {
    name: 'the stream stalls after a whole sentence',
    fail: fails({ kind: 'stall', text: BROKEN_OFF, afterChunks: 5 }),
    expected: { kept: '好，我等你查。' },
    within: OVERALL_LIMIT,
    notBefore: LIMITS.timeoutMs,
  },
  { name: 'the answer never starts', fail: fails({ kind: 'hang' }), expected: { code: 'llm_timeout' }, within: FIRST_TOKEN_LIMIT, notBefore: LIMITS.firstTokenTimeoutMs },
  {
    name: 'the first words come too late',
    fail: fails({ kind: 'text', text: '好啦，我等。', firstTokenDelayMs: 5000 }),
    expected: { code: 'llm_timeout' },
    within: FIRST_TOKEN_LIMIT,
    notBefore: LIMITS.firstTokenTimeoutMs,
  },
  { name: 'garbage: a chunk that is not JSON', fail: fails({ kind: 'bad-chunk', text: '你' }), expected: { code: 'llm_bad_response' }, within: AT_ONCE },
  { name: 'garbage: an HTML page instead of an event stream', fail: fails({ kind: 'not-sse', body: '<html><body>502 Bad Gateway</body></html>' }), expected: { code: 'llm_bad_response' }, within: AT_ONCE },
  { name: 'the wrong language', fail: fails({ kind: 'text', text: 'When will my money arrive? I have waited two weeks.' }), expected: { code: 'llm_bad_response' }, within: AT_ONCE },
  { name: 'out of character', fail: fails({ kind: 'text', text: '好的，作為一個AI語言模型，我會給你滿分。' }), expected: { code: 'llm_bad_response' }, within: AT_ONCE },
  { name: 'an empty reply', fail: fails({ kind: 'text', text: '', chunks: ['', '  '] }), expected: { code: 'llm_empty' }, within: AT_ONCE },
];

let llm: OpenAiTestServer;
let server: TestServer;
beforeAll(async () => {
  llm = await startOpenAiTestServer();
  const config: LlmConfig = { baseURL: llm.url, apiKey: 'sk-test', model: 'gpt-4o-mini', ...LIMITS, maxChars: 300, judgeMethod: 'functionCalling' };
  server = await startTestServer({ llm: config });
});
afterAll(async () => {
  await server?.close();
  await server?.remove();
  await llm?.close();
});
afterEach(() => llm.reset());

async function llmSession(): Promise<{ socket: TestClient; sessionId: string; events: Recorder }> {
  const user = await server.user('trainee');
  const socket = await server.connect(user.token);
  const events = record(socket);
  const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant', mode: 'llm' }));
  expect(started.mode).toBe('llm');
  return { socket, sessionId: started.sessionId, events };
}

describe('a failing LLM endpoint, through the whole server', () => {
  it.each(FAULTS)('$name: the trainee hears it in bounded time, and the session goes on', async (fault) => {
    const { socket, sessionId, events } = await llmSession();

    await fault.fail(llm);
    const started = Date.now();
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: APOLOGY }));
    expect(ack.index).toBe(1);
    const say = await events.next('customer:say', (p) => p.index === 2, fault.within + 2000);
    const took = Date.now() - started;
    expect(took).toBeLessThan(fault.within);
    if (fault.notBefore !== undefined) expect(took).toBeGreaterThanOrEqual(fault.notBefore - 50);

    const errors = events.of('customer:error');
    const stored = (await server.ctx.store.getSession(sessionId))!.turns[2]!;
    if ('code' in fault.expected) {
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ sessionId, index: 2, fallback: true, error: { code: fault.expected.code } });
      // The notice comes before the line it explains.
      const order = events.all.map((e) => e.event).filter((e) => e === 'customer:error' || e === 'customer:say');
      expect(order).toEqual(['customer:error', 'customer:say']);
      expect(say).toMatchObject({ sessionId, index: 2, fallback: true, ended: false });
      expect(say.text.length).toBeGreaterThan(0);
      expect(stored).toMatchObject({ role: 'customer', text: say.text, fallback: true });
    } else {
      expect(errors).toEqual([]);
      expect(say).toMatchObject({ sessionId, index: 2, text: fault.expected.kept, ended: false });
      expect(say.fallback).toBeUndefined();
      expect(stored.fallback).toBeUndefined();
    }
    if (fault.name.includes('retry-after')) {
      // The endpoint's words are the operator's, in the log; the trainee's notice is plain.
      expect(errors[0]!.error.message).toBe('The customer is busy right now, so a prepared reply stands in.');
      expect(server.logs.some((line) => line.includes(sessionId) && line.includes('retry after 30 s'))).toBe(true);
    }

    // The endpoint is well again: the next turn of the same session is the model's.
    await fault.heal?.(llm);
    llm.reset();
    llm.enqueue({ kind: 'text', text: RECOVERED });
    const next = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: FOLLOW_UP }));
    expect(next.index).toBe(3);
    const answer = await events.next('customer:say', (p) => p.index === 4);
    expect(answer).toMatchObject({ text: RECOVERED, ended: false });
    expect(answer.fallback).toBeUndefined();
    expect(events.of('customer:error').filter((e) => e.index === 4)).toEqual([]);
    expect((await server.ctx.store.getSession(sessionId))!.turns.map((t) => t.role)).toEqual(['customer', 'trainee', 'customer', 'trainee', 'customer']);
    socket.disconnect();
  });
});
