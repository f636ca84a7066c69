// One trainee, one session, two browser profiles signed in as the same user (two tabs, as far
// as the server can tell), against a whole server whose customer answers from its script.
// A reply sent in one tab shows in the other, before the customer's answer to it, with its
// hints, the goal panel and the mood the same in both; a tab that lost its connection while
// the other went on catches up when it is back, with no turn missing or shown twice; and the
// tab that caught up can carry the conversation on to its end, which both tabs show. Every
// screen of both tabs along the way is checked, not only the last one.
// The two tabs after the catch-up: test/e2e/screenshots/two-tabs-1.png and two-tabs-2.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import {
  connectionState,
  customerTurn,
  moodValue,
  openBriefing,
  say,
  screenshot,
  signIn,
  startConversation,
  transcriptOnScreen,
} from './traineePage.ts';
import { watchTranscript } from './transcriptWatch.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 860 };

// The late-disbursement persona's own "resolved" conversation (personas/late-disbursement/zh-Hant.yaml).
const RESOLVING = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
  '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。',
  '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
] as const;

/** The complaint steps the goal panel shows as taken. */
function stepsTicked(page: Page): Promise<Array<string | null>> {
  return page.locator('[data-goal=complaint_process] li.done').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step')));
}

/** The goal panel as read: each goal with its score so far, and the steps ticked. */
function goalPanel(page: Page): Promise<string | null> {
  return page.getByTestId('goal-panel').textContent();
}

async function mood(page: Page): Promise<number[]> {
  return [await moodValue(page, 'anger'), await moodValue(page, 'trust'), await moodValue(page, 'confusion')];
}

describe.skipIf(!run)('two tabs of one training session', () => {
  const suite = browserSuite();

  it('shows every turn in both tabs, in order, whichever tab sent it, also after one of them was offline', async () => {
    const { server } = suite;
    const user = await server.user('trainee');
    const first = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const tab1 = await first.newPage();
    await signIn(tab1, server.url, user.username, user.password);
    await openBriefing(tab1, 'late-disbursement', 'zh-Hant');
    await startConversation(tab1);
    // The second profile starts signed in as the same user and opens the same session.
    const second = await suite.newContext({ viewport: DESKTOP, locale: 'en-US', storageState: await first.storageState() });
    const tab2 = await second.newPage();
    await tab2.goto(tab1.url());
    await tab2.locator(customerTurn(0)).waitFor();
    const watch1 = await watchTranscript(tab1);
    const watch2 = await watchTranscript(tab2);

    // Tab 2 replies: tab 1 shows the reply, then the customer's answer, and the goal panel moves on.
    await say(tab2, RESOLVING[0], 1);
    await tab1.locator(customerTurn(2)).waitFor();
    expect(await watch1.appeared()).toEqual(['0:customer', '1:trainee', '2:customer']);
    expect(await tab1.locator('.message--trainee[data-index="1"] .message__text').textContent()).toBe(RESOLVING[0]);
    await expect.poll(() => stepsTicked(tab1)).toEqual(['acknowledge']);
    expect(await tab1.locator('.message--trainee[data-index="1"] [data-testid=hints]').textContent()).toContain('step: accept ✓');
    expect(await transcriptOnScreen(tab1)).toEqual(await transcriptOnScreen(tab2));
    expect(await goalPanel(tab1)).toBe(await goalPanel(tab2));
    expect(await mood(tab1)).toEqual(await mood(tab2));
    // The tab that sent it shows it once.
    expect(await watch2.appeared()).toEqual(['0:customer', '1:trainee', '2:customer']);

    // Tab 1 loses its connection; tab 2 goes on for two replies.
    await first.setOffline(true);
    await expect.poll(() => connectionState(tab1)).toBe('offline');
    await say(tab2, RESOLVING[1], 3);
    await say(tab2, RESOLVING[2], 5);
    expect(await tab1.locator('.message[data-index="3"]').count()).toBe(0);

    // Back online, tab 1 resumes and shows what it missed, each turn once, in order.
    await first.setOffline(false);
    await tab1.locator(customerTurn(6)).waitFor({ timeout: 15_000 });
    await expect.poll(() => connectionState(tab1)).toBe('online');
    const shown = await transcriptOnScreen(tab2);
    expect(shown.map((t) => `${t.index}:${t.role}`)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `${i}:${i % 2 ? 'trainee' : 'customer'}`));
    expect(await transcriptOnScreen(tab1)).toEqual(shown);
    await expect.poll(() => stepsTicked(tab1)).toEqual(['acknowledge', 'investigate', 'negotiate']);
    expect(await goalPanel(tab1)).toBe(await goalPanel(tab2));
    expect(await mood(tab1)).toEqual(await mood(tab2));
    expect(await tab1.locator('[data-testid=hints]').count()).toBe(await tab2.locator('[data-testid=hints]').count());
    await screenshot(tab1, 'two-tabs-1');
    await screenshot(tab2, 'two-tabs-2');

    // Tab 1 has the last word: tab 2 shows it, the customer's answer, and the end.
    await say(tab1, RESOLVING[3], 7);
    await tab2.locator(customerTurn(8)).waitFor();
    for (const tab of [tab1, tab2]) {
      await expect.poll(() => tab.getByTestId('chat-ended').textContent()).toContain('resolved');
    }
    expect(await transcriptOnScreen(tab2)).toEqual(await transcriptOnScreen(tab1));
    expect((await transcriptOnScreen(tab1)).map((t) => t.text)).toEqual(expect.arrayContaining([...RESOLVING]));
    await expect.poll(() => stepsTicked(tab2)).toEqual(['acknowledge', 'investigate', 'negotiate', 'follow_up']);
    expect(await goalPanel(tab1)).toBe(await goalPanel(tab2));
    expect(await mood(tab1)).toEqual(await mood(tab2));
    expect(await watch2.appeared()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${i}:${i % 2 ? 'trainee' : 'customer'}`));

    // Neither tab ever showed a turn out of place, missing or twice; the server stored each once.
    expect(await watch1.wrongScreens()).toEqual([]);
    expect(await watch2.wrongScreens()).toEqual([]);
    const sessionId = new URL(tab1.url()).pathname.split('/')[2]!;
    expect((await server.ctx.store.getSession(sessionId))!.turns.map((t) => t.text)).toEqual((await transcriptOnScreen(tab1)).map((t) => t.text));
  }, 60_000);
});
