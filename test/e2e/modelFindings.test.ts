// What a model found in a trainee's reply, in Chromium against a whole server in LLM mode with
// model signals on (SPARRING_LLM_MODEL_SIGNALS=on), the OpenAI-compatible test server playing
// both the customer and the model. A finding whose quote is in the reply shows under it,
// "found by the model", with its quote marked in the reply and "not counted in the score" (the
// default rubric); a proposal whose quote the reply does not hold shows nowhere. A model that
// answers bad JSON or HTTP 500 leaves one quiet line, and the rules' hints exactly as scored.
// Screenshot: test/e2e/screenshots/model-findings.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { startOpenAiTestServer, type Behaviour, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { requireOrSkip } from '../support/services.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { customerReplies } from './customerReplies.ts';
import { openBriefing, say, screenshot, signIn, startConversation } from './traineePage.ts';

for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

// A retaliation threat in words the rubric's lists may not hold (issue 12), and the words the model quotes.
const THREAT = '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看。';
const QUOTE = '我們可以把您的案子退件';
// What a careless model "quotes" that the reply never said: it must not reach the page.
const INVENTED = '你根本不懂貸款';
const CALM = '陳先生，讓您等了這麼久，真的很抱歉。我現在就幫您查撥款的進度。';

describe.skipIf(!run)("a model's findings on the trainee's page", () => {
  let llm: OpenAiTestServer;
  /** What the model answers next; the customer's lines come from customerReplies(). */
  let model: Behaviour = { kind: 'structured', value: { findings: [] } };

  beforeAll(async () => {
    llm = await startOpenAiTestServer();
    const customer = customerReplies();
    // The model is asked for structured output (it sends tools); the customer is not.
    llm.handle((request) => (Array.isArray(request.body.tools) ? model : customer(request)));
  });
  afterAll(() => llm?.close());

  const suite = browserSuite(() => {
    const config: LlmConfig = {
      baseURL: llm.url,
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      timeoutMs: 8000,
      firstTokenTimeoutMs: 4000,
      maxChars: 300,
      judgeMethod: 'functionCalling',
      modelSignals: true,
    };
    return { llm: config };
  });

  /** A trainee in an English interface, talking to the late-disbursement customer in 繁體中文. */
  async function conversation(): Promise<{ page: Page; sessionId: string }> {
    const user = await suite.server.user('trainee');
    const context = await suite.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, suite.server.url, user.username, user.password);
    await openBriefing(page, 'late-disbursement', 'zh-Hant');
    await startConversation(page);
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    return { page, sessionId };
  }

  const reply = (page: Page, index: number) => page.locator(`.message--trainee[data-index="${index}"]`);

  /** The hints shown under a reply, and the signals the rules stored for it: the same, whatever the model did. */
  async function hintsAndStored(page: Page, sessionId: string, index: number): Promise<{ shown: (string | null)[]; stored: string[] }> {
    const shown = await reply(page, index).locator('[data-testid=hints] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-signal')));
    const turn = (await suite.server.ctx.store.getSession(sessionId))!.turns[index]!;
    return { shown: shown.sort(), stored: [...new Set(turn.score!.signals)].sort() };
  }

  it('shows the finding whose quote is in the reply, marked as found by the model and not counted, and never the invented one', async () => {
    const { page, sessionId } = await conversation();
    model = { kind: 'structured', value: { findings: [{ signal: 'conduct.threat', quote: QUOTE }, { signal: 'conduct.abusive', quote: INVENTED }] } };
    await say(page, THREAT, 1);

    const found = reply(page, 1).getByTestId('model-findings');
    await found.waitFor();
    expect(await found.locator('.model-findings__title').textContent()).toBe('Found by the model');
    const items = await found.locator('li').evaluateAll((lis) =>
      lis.map((li) => ({
        signal: li.getAttribute('data-signal'),
        label: li.querySelector('.model-finding__label')?.textContent,
        quote: li.querySelector('.model-finding__quote')?.textContent,
        counted: li.querySelector('.model-finding__counted')?.textContent,
      })),
    );
    expect(items).toEqual([{ signal: 'conduct.threat', label: 'threat', quote: QUOTE, counted: 'not counted in the score' }]);
    // The quoted words are marked in the reply itself, as the model's; the reply reads as typed.
    expect(await reply(page, 1).locator('.message__text mark[data-source=model]').allTextContents()).toEqual([QUOTE]);
    expect(await reply(page, 1).locator('.message__text').textContent()).toBe(THREAT);
    expect(await page.getByTestId('messages').textContent()).not.toContain(INVENTED);
    // The rules' hints are those the turn was scored and stored with.
    const { shown, stored } = await hintsAndStored(page, sessionId, 1);
    expect(shown).toEqual(stored);
    await screenshot(page, 'model-findings');
  });

  it('leaves the rule hints as scored, with one quiet line, when the model answers bad JSON or fails', async () => {
    const { page, sessionId } = await conversation();
    for (const [index, failure] of [
      [1, { kind: 'structured', raw: '{"findings": [' }],
      [3, { kind: 'http-error', status: 500, message: 'model overloaded' }],
    ] as const) {
      model = failure;
      await say(page, index === 1 ? THREAT : CALM, index);
      await reply(page, index).getByTestId('model-failed').waitFor();
      const { shown, stored } = await hintsAndStored(page, sessionId, index);
      expect(shown).toEqual(stored);
      expect(await reply(page, index).getByTestId('model-findings').count()).toBe(0);
      expect(await reply(page, index).locator('mark').count()).toBe(0);
    }
    // Nothing alarming: no alert anywhere, and the conversation goes on.
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(await page.getByTestId('composer').isEnabled()).toBe(true);
  });
});
