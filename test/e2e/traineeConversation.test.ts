// The trainee's web client in Chromium, against a whole server (real store, personas, rubric,
// socket.io) whose customer speaks through the OpenAI-compatible test server, so replies
// stream. A trainee signs in, picks a persona in 繁體中文, reads the briefing, talks it through
// to the scorecard; the interface language is remembered across a reload; what a trainee
// types shows as text, never as HTML; and a dropped connection loses nothing.
// Screenshots of the main screens go to test/e2e/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { requireOrSkip } from '../support/services.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { buildClient } from './buildClient.ts';
import { chromiumAvailable, CHROMIUM, launchChromium } from './chromium.ts';
import { customerReplies } from './customerReplies.ts';
import { traineeEn } from '../../client/src/trainee/messages/en.ts';
import { customerTurn, inPage, moodValue, openBriefing, say, screenshot, signIn, startConversation } from './traineePage.ts';

for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 375, height: 740 };

// The late-disbursement persona's own "calms down" test (personas/late-disbursement/zh-Hant.yaml),
// with a jargon term in the third reply so a hint has something to correct.
const REPLIES = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
  '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款，年化利率不會變。',
  '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
];

describe.skipIf(!run)('the trainee in the browser', () => {
  let llm: OpenAiTestServer;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // The server checks for client/dist when its app is made: build first.
    [llm] = await Promise.all([startOpenAiTestServer(), buildClient()]);
    llm.handle(customerReplies());
    const config: LlmConfig = { baseURL: llm.url, apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs: 8000, firstTokenTimeoutMs: 4000, maxChars: 300, judgeMethod: 'functionCalling' };
    [server, browser] = await Promise.all([startTestServer({ llm: config }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await server?.close();
    await server?.remove();
    await llm?.close();
  });

  /** A fresh browser profile (no storage) with an English interface, and a page that records any dialog. */
  async function newPage(options: { viewport?: typeof DESKTOP; storageState?: Awaited<ReturnType<BrowserContext['storageState']>> } = {}) {
    const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'en-US', ...(options.storageState ? { storageState: options.storageState } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { context, page, dialogs };
  }

  async function trainee(): Promise<TestUser> {
    return server.user('trainee');
  }

  it('signs in, picks late-disbursement in 繁體中文, reads the briefing and talks it through to the scorecard', async () => {
    const user = await trainee();
    const { context, page, dialogs } = await newPage();

    await page.goto(server.url);
    await page.locator('input[name=username]').waitFor();
    await screenshot(page, '01-login-desktop');
    await signIn(page, server.url, user.username, user.password);

    // The picker filters by language; the card leads to the briefing.
    await page.locator('select[name=locale]').selectOption('zh-Hant');
    const cards = page.locator('.persona-card');
    expect(await cards.count()).toBeGreaterThan(1);
    expect(await page.locator('.persona-card:not([data-locale="zh-Hant"])').count()).toBe(0);
    // Each card says in a line what its difficulty means, in the interface's language.
    await page.locator('select[name=difficulty]').selectOption('hard');
    await expect.poll(() => page.locator('.persona-card').count()).toBeGreaterThan(0);
    expect(new Set(await page.locator('.persona-card__difficulty').allTextContents())).toEqual(new Set([traineeEn['difficulty.hard.means']]));
    await page.locator('select[name=difficulty]').selectOption('all');
    await page.locator('select[name=scenario]').selectOption('complaint');
    expect(await page.locator('.persona-card:not([data-locale="zh-Hant"])').count()).toBe(0);
    await screenshot(page, '02-personas-desktop');
    await openBriefing(page, 'late-disbursement', 'zh-Hant');

    // The briefing: the persona in its own language, the goals in the interface's.
    const briefing = page.locator('.briefing');
    await expect.poll(() => briefing.textContent()).toContain('陳先生');
    expect(await briefing.textContent()).toContain('待撥款');
    expect(await page.locator('.goal-list li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Empathy'), expect.stringContaining('Process steps'), expect.stringContaining('Plain language')]),
    );
    await screenshot(page, '03-briefing-desktop');
    await startConversation(page);
    expect(await page.locator(customerTurn(0)).textContent()).toMatch(/撥款|核准/);

    // Each reply: the answer streams in, the hints say what was found, the mood moves.
    const angerAtStart = await moodValue(page, 'anger');
    const first = await say(page, REPLIES[0]!, 1);
    const firstAnswer = (await page.locator(`${customerTurn(2)} .message__text`).textContent()) ?? '';
    // It grew on screen, piece by piece, each piece the start of the final words.
    expect(first.partials.length).toBeGreaterThanOrEqual(2);
    for (const partial of first.partials) expect(firstAnswer.startsWith(partial), partial).toBe(true);
    expect(first.partials[0]!.length).toBeLessThan(firstAnswer.length);
    const hints = page.locator('.message--trainee[data-index="1"] [data-testid=hints]');
    await expect.poll(() => hints.textContent()).toContain('reflection ✓');
    expect(await hints.textContent()).toContain('step: accept ✓');
    expect(await moodValue(page, 'anger')).toBeLessThan(angerAtStart);
    await expect.poll(() => page.locator('[data-goal=complaint_process] [data-step=acknowledge]').getAttribute('class')).toBe('done');

    await say(page, REPLIES[1]!, 3);
    await say(page, REPLIES[2]!, 5);
    const jargonHint = page.locator('.message--trainee[data-index="5"] [data-signal="plain.jargon"]');
    await expect.poll(() => jargonHint.textContent()).toBe('jargon: 年化利率 → 一年的利息是多少');

    // The hints can be hidden, and come back.
    await page.getByTestId('toggle-hints').uncheck();
    expect(await page.locator('[data-testid=hints]').count()).toBe(0);
    await page.getByTestId('toggle-hints').check();
    expect(await page.locator('[data-testid=hints]').count()).toBeGreaterThan(0);

    await say(page, REPLIES[3]!, 7);
    const ended = page.getByTestId('chat-ended');
    await ended.waitFor();
    expect(await ended.textContent()).toContain('resolved');
    await page.getByTestId('toggle-mood').uncheck();
    expect(await page.getByTestId('mood-gauge').count()).toBe(0);
    await page.getByTestId('toggle-mood').check();
    await screenshot(page, '04-chat-desktop');
    const chatUrl = page.url();

    // The scorecard: every criterion, the four steps in the order taken, the best and weakest reply, the mood chart.
    await ended.getByRole('link').click();
    const scorecard = page.getByTestId('scorecard');
    await scorecard.waitFor();
    await page.getByTestId('mood-chart').waitFor();
    expect(await page.locator('[data-testid=criteria] li').count()).toBe(5);
    expect(await page.locator('[data-testid=steps] li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-step'), li.className]))).toEqual([
      ['acknowledge', 'checklist__done'],
      ['investigate', 'checklist__done'],
      ['negotiate', 'checklist__done'],
      ['follow_up', 'checklist__done'],
    ]);
    expect(await page.locator('[data-testid=mood-chart] polyline').count()).toBe(3);
    // The opening and one point after each of the four replies.
    expect(await page.locator('[data-testid=mood-chart] [data-axis=anger] circle').count()).toBe(5);
    expect(await page.getByTestId('reply-best').locator('mark.evidence--good').count()).toBeGreaterThan(0);
    // The weakest is the engine's pick (summary.weakest_turn, weighted over the criteria): the last
    // reply, which carried the follow-up step and nothing else. Costly words in amber: callProcess.test.ts.
    expect(await page.getByTestId('reply-weakest').locator('blockquote').textContent()).toBe(REPLIES[3]);
    expect(await scorecard.textContent()).toContain('Outcome: resolved');
    await screenshot(page, '05-scorecard-desktop');

    // The same screens on a phone, signed in already.
    const phone = await newPage({ viewport: PHONE, storageState: await context.storageState() });
    await phone.page.goto(page.url());
    await phone.page.getByTestId('mood-chart').waitFor();
    await screenshot(phone.page, '06-scorecard-phone');
    await phone.page.goto(chatUrl);
    await phone.page.locator(customerTurn(8)).waitFor();
    await screenshot(phone.page, '07-chat-phone');
    await phone.page.goto(server.url);
    await phone.page.locator('.persona-list').waitFor();
    await screenshot(phone.page, '08-personas-phone');
    // Nothing is wider than the phone.
    expect(await inPage<number>(phone.page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    expect(dialogs).toEqual([]);
    expect(phone.dialogs).toEqual([]);
  }, 45_000);

  it('switches the interface language and remembers it across a reload', async () => {
    const user = await trainee();
    const { page } = await newPage({ viewport: PHONE });
    await signIn(page, server.url, user.username, user.password);
    expect(await page.locator('h1').textContent()).toBe('Choose a customer');

    await page.getByTestId('language-switcher').selectOption('zh-Hant');
    await expect.poll(() => page.locator('h1').textContent()).toBe('選擇一位客戶');
    expect(await inPage(page, 'document.documentElement.lang')).toBe('zh-Hant');
    await page.reload();
    await page.locator('.persona-list').waitFor();
    expect(await page.locator('h1').textContent()).toBe('選擇一位客戶');
    await screenshot(page, '09-personas-zh-Hant-phone');

    await page.getByTestId('language-switcher').selectOption('zh-Hans');
    await expect.poll(() => page.locator('h1').textContent()).toBe('选择一位客户');
    await page.reload();
    await page.locator('.persona-list').waitFor();
    expect(await page.locator('h1').textContent()).toBe('选择一位客户');
    expect(await inPage(page, "[document.documentElement.lang, localStorage.getItem('sparring.uiLocale')]")).toEqual(['zh-Hans', 'zh-Hans']);
    // The persona filter started on the interface language: Simplified customers.
    await page.locator('.persona-card[data-persona="late-disbursement"][data-locale="zh-Hans"] a').click();
    await page.locator('.briefing h1').waitFor();
    expect(await page.locator('.briefing__goals h2').textContent()).toBe('评分项目');
    await screenshot(page, '10-briefing-zh-Hans-phone');
  }, 30_000);

  it('shows what a trainee types as text: a tag stays characters, no element is made and no script runs', async () => {
    const user = await trainee();
    const { page, dialogs } = await newPage();
    await signIn(page, server.url, user.username, user.password);
    await openBriefing(page, 'late-disbursement', 'zh-Hant');
    await startConversation(page);

    const attack = '<img src=x onerror=alert(1)>';
    const apology = '讓您等了這麼久，真的很抱歉，這件事我來幫您處理。';
    const reply = `${attack}\n${apology}`;
    // Shift+Enter breaks the line and sends nothing; Enter sends.
    const composer = page.getByTestId('composer');
    await composer.fill(attack);
    await composer.press('Shift+Enter');
    await page.keyboard.insertText(apology);
    expect(await page.locator('.message--trainee').count()).toBe(0);
    expect(await composer.inputValue()).toBe(reply);
    await composer.press('Enter');
    await page.locator(customerTurn(2)).waitFor();
    expect(await page.locator('.message--trainee[data-index="1"] .message__text').textContent()).toBe(reply);
    // The tag is characters in the bubble, not an element: nothing there could load or run.
    expect(await page.locator('.message--trainee[data-index="1"] .message__text *').count()).toBe(0);
    expect(await page.locator('#root img').count()).toBe(0);

    // The scorecard slices the same text around its evidence: still text.
    await page.getByRole('button', { name: 'End and score' }).click();
    await page.getByTestId('scorecard').waitFor();
    await expect.poll(() => page.getByTestId('reply-best').locator('blockquote').textContent()).toBe(reply);
    expect(await page.locator('#root img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  }, 30_000);

  it('keeps a reply written while offline, shows that it is offline, sends it when the connection is back, and reconnects after the server hangs up', async () => {
    const user = await trainee();
    const { context, page } = await newPage();
    await signIn(page, server.url, user.username, user.password);
    await openBriefing(page, 'late-disbursement', 'zh-Hant');
    await startConversation(page);
    await say(page, REPLIES[0]!, 1);

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('connection-banner').getAttribute('data-state')).toBe('offline');
    const composer = page.getByTestId('composer');
    await composer.fill(REPLIES[1]!);
    await composer.press('Enter');
    await expect.poll(() => page.getByTestId('message-status').textContent()).toContain('waiting for the connection');
    await screenshot(page, '11-offline-desktop');

    await context.setOffline(false);
    await page.locator(customerTurn(4)).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('connection-banner').getAttribute('data-state')).toBe('online');
    expect(await page.locator('.message--trainee[data-index="3"] .message__text').textContent()).toBe(REPLIES[1]);
    expect(await page.getByTestId('message-status').count()).toBe(0);

    // Stored once: the server holds the five turns the page shows.
    const sessionId = new URL(page.url()).pathname.split('/')[2]!;
    const stored = await server.ctx.store.getSession(sessionId);
    expect(stored!.turns.map((t) => t.role)).toEqual(['customer', 'trainee', 'customer', 'trainee', 'customer']);

    // The server closing the connection itself (a restart does): socket.io would wait to be
    // asked, the client asks, and the conversation goes on.
    server.io.disconnectSockets();
    await expect.poll(() => page.getByTestId('connection-banner').getAttribute('data-state')).toBe('offline');
    await expect.poll(() => page.getByTestId('connection-banner').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await say(page, REPLIES[2]!, 5);
    expect((await server.ctx.store.getSession(sessionId))!.turns).toHaveLength(7);
  }, 40_000);
});
