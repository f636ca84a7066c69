/**
 * A training server in LLM mode over the OpenAI-compatible test server, and a session started
 * on it in LLM mode: what the socket tests of LLM sessions share.
 */
import { expect } from 'vitest';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { SessionStartOk } from '../../server/sessions/serverEvents.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from './openaiTestServer.ts';
import { call } from './socketClient.ts';
import { startTestServer, type TestClient, type TestServer, type TestServerOptions } from './testServer.ts';

export interface LlmServers {
  llm: OpenAiTestServer;
  server: TestServer;
  close(): Promise<void>;
}

export async function startLlmServers(overrides: Partial<LlmConfig> = {}, serverOptions: Omit<TestServerOptions, 'llm'> = {}): Promise<LlmServers> {
  for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];
  const llm = await startOpenAiTestServer();
  const config: LlmConfig = { baseURL: llm.url, apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs: 1500, firstTokenTimeoutMs: 500, maxChars: 300, judgeMethod: 'functionCalling', ...overrides };
  const server = await startTestServer({ ...serverOptions, llm: config });
  return {
    llm,
    server,
    async close() {
      await server.close();
      await server.remove();
      await llm.close();
    },
  };
}

/** A trainee's session with the late-disbursement customer in Traditional Chinese, in LLM mode. */
export async function startLlmSession(server: TestServer): Promise<{ socket: TestClient; sessionId: string }> {
  const user = await server.user('trainee');
  const socket = await server.connect(user.token);
  const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant', mode: 'llm' }));
  expect(started.mode).toBe('llm');
  return { socket, sessionId: started.sessionId };
}
