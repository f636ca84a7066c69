// When the LLM endpoint fails, the trainee gets a plain notice and the log gets the endpoint's
// words: a provider's error text (here with an internal address and a key's prefix in it)
// never reaches a trainee's socket, neither in `customer:error` nor in `turn:model_signals`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CustomerError, TurnModelSignals } from '../../server/sessions/serverEvents.ts';
import type { OpenAiTestServer } from '../support/openaiTestServer.ts';
import { call, record } from '../support/socketClient.ts';
import { startLlmServers, startLlmSession, type LlmServers } from '../support/llmSessions.ts';
import type { TestServer } from '../support/testServer.ts';

const UPSTREAM = 'upstream gateway 10.20.30.40:8443 rejected key sk-live-4242: model overloaded';
const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。';

let llm: OpenAiTestServer;
let server: TestServer;
let servers: LlmServers;
beforeAll(async () => {
  servers = await startLlmServers({ modelSignals: true });
  ({ llm, server } = servers);
});
afterAll(() => servers.close());
afterEach(() => llm.reset());

describe('an LLM failure as the trainee sees it', () => {
  it('is a plain notice, and the endpoint’s words are in the log only', async () => {
    const { socket, sessionId } = await startLlmSession(server);
    const events = record(socket);
    // Every request fails: the customer's reply and the model's reading of the turn.
    llm.handle(() => ({ kind: 'http-error', status: 502, message: UPSTREAM }));
    await call(socket, 'trainee:say', { sessionId, text: APOLOGY });
    const error = CustomerError.parse(await events.next('customer:error'));
    const signals = TurnModelSignals.parse(await events.next('turn:model_signals'));
    await events.next('customer:say');

    expect(error.error).toEqual({ code: 'llm_unavailable', message: 'The customer could not be reached, so a prepared reply stands in.' });
    expect(signals.error).toEqual({ code: 'unavailable', message: "The language model could not be reached; the rules' score stands." });
    for (const { payload } of events.all) {
      const sent = JSON.stringify(payload);
      expect(sent).not.toContain('10.20.30.40');
      expect(sent).not.toContain('sk-live');
      expect(sent).not.toContain('HTTP 502');
    }
    expect(server.logs.some((line) => line.includes('LLM reply failed') && line.includes('model overloaded'))).toBe(true);
  });
});
