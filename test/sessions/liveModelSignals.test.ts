// Model-assisted detection in a live LLM-mode session (SPARRING_LLM_MODEL_SIGNALS=on) against
// the OpenAI-compatible test server: the ack carries the rules' score, turn:model_signals
// follows with the model's findings and their quotes, the customer still answers, and a
// model that fails leaves the stored turn and the report as the rules made them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scoreLatestTurn } from '../../server/scoring/engine.ts';
import { TraineeSayOk, TurnModelSignals } from '../../server/sessions/serverEvents.ts';
import type { Behaviour, OpenAiTestServer, RecordedRequest } from '../support/openaiTestServer.ts';
import { call, record } from '../support/socketClient.ts';
import { startLlmServers, startLlmSession, type LlmServers } from '../support/llmSessions.ts';
import type { TestServer } from '../support/testServer.ts';


let llm: OpenAiTestServer;
let server: TestServer;
let servers: LlmServers;
beforeAll(async () => {
  servers = await startLlmServers({ modelSignals: true });
  ({ llm, server } = servers);
});
afterAll(() => servers.close());
afterEach(() => llm.reset());

const THREAT = '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看。';
const REPLY = '你這是在威脅我嗎？我要投訴你。';

/** The customer's words for a plain request; the model's proposal for a structured one (it sends tools). */
const answering = (proposal: Behaviour) => (request: RecordedRequest): Behaviour =>
  Array.isArray(request.body.tools) ? proposal : { kind: 'text', text: REPLY };

const llmSession = () => startLlmSession(server);

describe('model signals in a live session', () => {
  it('acks with the rules score, then shows what the model found with its quote', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.handle(answering({ kind: 'structured', value: { findings: [{ signal: 'conduct.threat', quote: '我們可以把您的案子退件' }, { signal: 'conduct.abusive', quote: '你很笨' }] } }));
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: THREAT }));
    const found = TurnModelSignals.parse(await events.next('turn:model_signals'));
    await events.next('customer:say');
    expect(found.index).toBe(ack.index);
    expect(found.error).toBeUndefined();
    expect(found.findings).toEqual([{ signal: 'conduct.threat', source: 'model', start: THREAT.indexOf('我們'), end: THREAT.indexOf('退件') + 2, text: '我們可以把您的案子退件' }]);
    // Shown, not counted (the default rubric): the same scores as the ack's.
    expect(found.score.criteria.conduct.score).toBe(ack.score.criteria.conduct.score);
    expect(found.score.criteria.conduct.evidence).toContainEqual({ ...found.findings[0], counted: false });
    // The model saw the reply only as data, with the customer's turn before it.
    const asked = llm.requests.find((r) => Array.isArray(r.body.tools))!;
    expect(asked.body.messages[1].content).toContain(JSON.stringify(THREAT));
    const stored = (await server.ctx.store.getSession(sessionId))!.turns[ack.index]!;
    expect(stored.score).toEqual(ack.score);
  });

  it('keeps the rules score and the conversation going when the model fails', async () => {
    const { socket, sessionId } = await llmSession();
    const events = record(socket);
    llm.handle(answering({ kind: 'structured', raw: '{"findings": [' }));
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: THREAT }));
    const found = TurnModelSignals.parse(await events.next('turn:model_signals'));
    expect(found).toMatchObject({ index: ack.index, findings: [], error: { code: 'bad_response' } });
    expect(found.score).toEqual(ack.score);
    expect(await events.next('customer:say')).toMatchObject({ text: REPLY });
    const session = (await server.ctx.store.getSession(sessionId))!;
    const before = session.turns.slice(0, ack.index + 1).map((t) => ({ role: t.role, text: t.text }));
    expect(session.turns[ack.index]!.score).toEqual(scoreLatestTurn(server.ctx.rubric, { locale: 'zh-Hant', scenario: 'complaint', turns: before }));
  });
});
