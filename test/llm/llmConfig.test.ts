// The LLM settings (server/llm/llmConfig.ts) and the chat model built from them
// (server/llm/chatModel.ts), the latter checked against the OpenAI-compatible test server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel, createCustomerModel, createJudgeModel, PLACEHOLDER_API_KEY } from '../../server/llm/chatModel.ts';
import { DEFAULT_MODEL, llmEnabled, LlmConfigError, loadLlmConfig, parseLlmConfig } from '../../server/llm/llmConfig.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';

for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];

describe('llmEnabled', () => {
  it('is on with a key or a base URL, off with neither (blank counts as unset)', () => {
    expect(llmEnabled({})).toBe(false);
    expect(llmEnabled({ OPENAI_API_KEY: 'sk-x' })).toBe(true);
    expect(llmEnabled({ OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' })).toBe(true);
    expect(llmEnabled({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '  ' })).toBe(false);
    expect(llmEnabled({ LLM_MODEL: 'qwen2.5' })).toBe(false);
  });
});

describe('parseLlmConfig', () => {
  it('gives the defaults', () => {
    const result = parseLlmConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' });
    expect(result).toEqual({
      ok: true,
      config: {
        baseURL: 'http://127.0.0.1:8080/v1',
        apiKey: undefined,
        model: DEFAULT_MODEL,
        timeoutMs: 20_000,
        firstTokenTimeoutMs: 10_000,
        maxChars: 300,
        judgeMethod: 'functionCalling',
      },
    });
  });

  it('reads every variable', () => {
    const config = loadLlmConfig({
      OPENAI_API_KEY: 'sk-test',
      LLM_MODEL: 'qwen2.5:7b',
      SPARRING_LLM_TIMEOUT_MS: '8000',
      SPARRING_LLM_MAX_CHARS: '120',
      SPARRING_LLM_JUDGE_METHOD: 'jsonSchema',
    });
    expect(config).toMatchObject({ apiKey: 'sk-test', model: 'qwen2.5:7b', timeoutMs: 8000, firstTokenTimeoutMs: 4000, maxChars: 120, judgeMethod: 'jsonSchema' });
    expect(config.baseURL).toBeUndefined();
  });

  it('turns model signals in live sessions on only when asked', () => {
    expect(loadLlmConfig({ OPENAI_API_KEY: 'k', SPARRING_LLM_MODEL_SIGNALS: 'on' }).modelSignals).toBe(true);
    expect(loadLlmConfig({ OPENAI_API_KEY: 'k', SPARRING_LLM_MODEL_SIGNALS: 'off' }).modelSignals).toBeUndefined();
    expect(loadLlmConfig({ OPENAI_API_KEY: 'k', SPARRING_LLM_MODEL_SIGNALS: '' }).modelSignals).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    const config = loadLlmConfig({ OPENAI_BASE_URL: '', OPENAI_API_KEY: 'k', LLM_MODEL: '', SPARRING_LLM_TIMEOUT_MS: '' });
    expect(config).toMatchObject({ model: DEFAULT_MODEL, timeoutMs: 20_000 });
    expect(config.baseURL).toBeUndefined();
  });

  it.each([
    ['OPENAI_BASE_URL', 'localhost:8080', /OPENAI_BASE_URL must be an http\(s\) URL.*\(got "localhost:8080"\)/],
    ['OPENAI_BASE_URL', 'not a url', /OPENAI_BASE_URL must be an http\(s\) URL/],
    ['SPARRING_LLM_TIMEOUT_MS', 'soon', /SPARRING_LLM_TIMEOUT_MS must be a whole number of milliseconds \(got "soon"\)/],
    ['SPARRING_LLM_TIMEOUT_MS', '10', /SPARRING_LLM_TIMEOUT_MS must be at least 500 milliseconds/],
    ['SPARRING_LLM_MAX_CHARS', '12.5', /SPARRING_LLM_MAX_CHARS must be a whole number of characters/],
    ['SPARRING_LLM_JUDGE_METHOD', 'jsonMode', /SPARRING_LLM_JUDGE_METHOD must be functionCalling or jsonSchema \(got "jsonMode"\)/],
    ['SPARRING_LLM_MODEL_SIGNALS', 'yes', /SPARRING_LLM_MODEL_SIGNALS must be on or off \(got "yes"\)/],
  ])('refuses a bad %s with one line naming it', (name, value, message) => {
    const result = parseLlmConfig({ OPENAI_API_KEY: 'k', [name]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result.message).not.toContain('\n');
    expect(() => loadLlmConfig({ OPENAI_API_KEY: 'k', [name]: value })).toThrow(LlmConfigError);
  });

  it('names every bad variable in the same line', () => {
    const result = parseLlmConfig({ OPENAI_BASE_URL: 'ftp://x', SPARRING_LLM_MAX_CHARS: 'many' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^Bad LLM configuration: OPENAI_BASE_URL .*; SPARRING_LLM_MAX_CHARS /);
      expect(result.message).not.toContain('\n');
    }
  });
});

describe('createChatModel', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());

  it('sends a placeholder key when only a base URL is given, and the configured model', async () => {
    const config = loadLlmConfig({ OPENAI_BASE_URL: server.url, LLM_MODEL: 'local-model' });
    const model = createChatModel(config, { streaming: true, maxRetries: 0 });
    let text = '';
    for await (const chunk of await model.stream([['user', 'hello']])) text += String(chunk.content);
    expect(text).toBe('好。');
    const request = server.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${PLACEHOLDER_API_KEY}`);
    expect(request.body).toMatchObject({ model: 'local-model', stream: true });
  });

  it('makes a streaming model for the customer and a non-streaming one for the judge', async () => {
    const config = loadLlmConfig({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-local', SPARRING_LLM_MAX_CHARS: '100' });
    server.reset();
    for await (const _ of await createCustomerModel(config, 0).stream([['user', 'hi']])) void _;
    await createJudgeModel(config, 0).invoke([['user', 'hi']]);
    const [customer, judge] = server.requests;
    expect(customer!.headers.authorization).toBe('Bearer sk-local');
    expect(customer!.body).toMatchObject({ stream: true, max_tokens: 200 });
    expect(judge!.body.stream).toBe(false);
  });
});
