/**
 * `sparring chat`: a persona played in the terminal, the trainee's lines piped in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { runCli } from '../support/runCli.ts';

describe('sparring chat', () => {
  it('plays the persona, scores each reply and ends with the scorecard', async () => {
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '4'], {
      stdin: '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。\n撥款要先經過風控覆核。\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('陳先生：貸款核准兩週還沒撥款');
    expect(run.stdout).toMatch(/signals: empathy\.emotion/);
    // The customer asks what the jargon means, naming it.
    expect(run.stdout).toMatch(/customer \[anger [\d.]+ · trust [\d.]+ · confusion [\d.]+\]\n {2}.*風控/);
    expect(run.stdout).toContain('overall');
  });

  it('says which personas exist when the name is wrong', async () => {
    const run = await runCli(['chat', 'no-such-customer']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no persona "no-such-customer".*late-disbursement/);
  });

  it('stops when the customer escalates', async () => {
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '1'], {
      stdin: '請您冷靜一點，這不是我們的問題。\n規定就是這樣，您再急也沒用。\n還有別的事嗎？\n',
    });
    expect(run.stdout).toContain('The customer ended the conversation: escalated.');
    expect(run.stdout).not.toContain('還有別的事嗎');
  });
});

describe('sparring chat --llm, against a local OpenAI-compatible server', () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  const env = (): NodeJS.ProcessEnv => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test', LLM_MODEL: 'test-model', SPARRING_LLM_TIMEOUT_MS: '4000', LANGSMITH_TRACING: '', LANGCHAIN_TRACING_V2: '' });

  it("streams the model's words, and keeps the shared mood and scores", async () => {
    server.reset();
    server.handle(() => ({ kind: 'text', text: '好啦，你這樣講我比較聽得下去。那錢什麼時候到？' }));
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '4', '--llm'], {
      stdin: '陳先生，讓您等了這麼久，真的很抱歉。這件事我來幫您處理。\n',
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('customer: 好啦，你這樣講我比較聽得下去。那錢什麼時候到？');
    expect(run.stdout).toMatch(/\[anger [\d.]+ · trust [\d.]+ · confusion [\d.]+\]\n {2}scores: empathy/);
    expect(server.requests[0]!.body).toMatchObject({ model: 'test-model', stream: true });
  });

  it('says the model failed and goes on with the scripted line', async () => {
    server.reset();
    server.handle(() => ({ kind: 'http-error', status: 500, message: 'model crashed' }));
    const run = await runCli(['chat', 'late-disbursement', '--locale', 'zh-Hant', '--seed', '4', '--llm'], {
      stdin: '撥款要先經過風控覆核。\n',
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/the model did not answer: unavailable/);
    // The scripted customer asks about the jargon, naming it.
    expect(run.stdout).toMatch(/scripted line\)\n {2}.*風控/);
  });

  it('refuses --llm with no endpoint configured', async () => {
    const run = await runCli(['chat', 'late-disbursement', '--llm'], { env: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/OPENAI_BASE_URL/);
  });
});
