// `sparring score --llm`: the real command against the OpenAI-compatible test server. The
// model's accepted findings appear as evidence marked "model", shown but not counted under
// the default rubric; when the model fails, the scores are the rules' alone, with a notice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { runCli } from '../support/runCli.ts';

const THREAT = '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看。';
const CALL = JSON.stringify({
  locale: 'zh-Hant',
  scenario: 'complaint',
  turns: [
    { role: 'customer', text: '你們到底要拖多久？我已經打了三次電話了！' },
    { role: 'trainee', text: THREAT },
  ],
});

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiTestServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

const env = (): NodeJS.ProcessEnv => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test', LLM_MODEL: 'test-model', SPARRING_LLM_TIMEOUT_MS: '4000', LANGSMITH_TRACING: '', LANGCHAIN_TRACING_V2: '' });

describe('sparring score --llm', () => {
  it('shows what the model found with its quote, and leaves the scores as the rules gave them', async () => {
    const rules = await runCli(['score', '-', '--json'], { stdin: CALL });
    server.handle(() => ({ kind: 'structured', value: { findings: [{ signal: 'conduct.threat', quote: '我們可以把您的案子退件' }, { signal: 'conduct.abusive', quote: '你真笨' }] } }));
    const run = await runCli(['score', '-', '--json', '--llm'], { stdin: CALL, env: env() });
    expect(run.code).toBe(0);
    const assisted = JSON.parse(run.stdout);
    const plain = JSON.parse(rules.stdout);
    expect(assisted.model_notices).toEqual([]);
    expect(assisted.summary).toEqual(plain.summary);
    expect(assisted.turns[0].signals).toEqual(plain.turns[0].signals);
    const model = assisted.turns[0].criteria.conduct.evidence.filter((e: { source?: string }) => e.source === 'model');
    expect(model).toEqual([{ signal: 'conduct.threat', source: 'model', counted: false, text: '我們可以把您的案子退件', start: THREAT.indexOf('我們'), end: THREAT.indexOf('退件') + 2 }]);

    const table = await runCli(['score', '-', '--llm'], { stdin: CALL, env: env() });
    expect(table.stdout).toContain('found by the model');
    expect(table.stdout).toContain('conduct.threat  "我們可以把您的案子退件"  (shown, not counted)');
    expect(table.stdout).not.toContain('你真笨');
  });

  it('scores by the rules alone, with a notice, when the model fails', async () => {
    const rules = await runCli(['score', '-', '--json'], { stdin: CALL });
    server.handle(() => ({ kind: 'http-error', status: 400, message: 'model not found' }));
    const run = await runCli(['score', '-', '--json', '--llm'], { stdin: CALL, env: env() });
    expect(run.code).toBe(0);
    const { model_notices: notices, ...report } = JSON.parse(run.stdout);
    expect(report).toEqual(JSON.parse(rules.stdout));
    expect(notices).toEqual([expect.objectContaining({ turn: 1 })]);
  });

  it('refuses --llm without an endpoint', async () => {
    const run = await runCli(['score', '-', '--llm'], { stdin: CALL, env: { OPENAI_BASE_URL: '', OPENAI_API_KEY: '' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/OPENAI_BASE_URL/);
  });
});
