// The coach's web client in Chromium, against a whole server (real store, personas, rubric,
// socket.io). A trainee plays a scripted session in 繁體中文 over a socket; a coach signs in,
// filters the sessions to that trainee, opens the replay, steps through it with the keyboard,
// comments on a turn, overrides a criterion with a reason (the engine's score stays beside
// it, across a reload), downloads the CSV, opens the printable report, assigns a persona and
// sees the trainee pending, and opens the trainee's progress. Screenshots of each coach
// screen go to test/e2e/screenshots/coach-*.png.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { criterionLine, playSession, replayTurn, signInAsCoach, stepNumber, type PlayedSession } from './coachPage.ts';
import { inPage, screenshot } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

// The late-disbursement persona's own "calms down" test (personas/late-disbursement/zh-Hant.yaml).
const REPLIES = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
  '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。',
  '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
];
const COMMENT = '先道歉再複述客戶的重點，這句很好。';
const REASON = '道歉得體，但沒有問客戶現在的資金壓力。';

describe.skipIf(!run)('the coach in the browser', () => {
  const suite = browserSuite();
  let trainee: TestUser;
  let coach: TestUser;
  let played: PlayedSession;
  let second: PlayedSession;

  beforeAll(async () => {
    [trainee, coach] = await Promise.all([suite.server.user('trainee'), suite.server.user('coach')]);
    const someoneElse = await suite.server.user('trainee');
    // Two sessions for the trainee (the second ended by them after one reply), one for someone else.
    played = await playSession(suite.server, trainee, 'late-disbursement', 'zh-Hant', REPLIES);
    second = await playSession(suite.server, trainee, 'late-disbursement', 'zh-Hant', REPLIES.slice(0, 1));
    await playSession(suite.server, someoneElse, 'late-disbursement', 'zh-Hant', REPLIES.slice(0, 1));
  }, 90_000);

  /** A fresh browser profile with an English interface, and a page that records any dialog or page error. */
  async function newPage(options: { viewport?: typeof DESKTOP; storageState?: Awaited<ReturnType<BrowserContext['storageState']>> } = {}) {
    const context = await suite.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'en-US', acceptDownloads: true, ...(options.storageState ? { storageState: options.storageState } : {}) });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    return { context, page, problems };
  }

  const rows = (page: Page) => page.locator('[data-testid=session-table] tbody tr');

  it('filters the sessions, replays one step by step, comments, overrides, exports, prints and assigns', async () => {
    const { context, page, problems } = await newPage();
    await signInAsCoach(page, suite.server.url, coach);

    // Every session is listed; the trainee filter keeps theirs, and the address keeps the filter.
    await expect.poll(() => rows(page).count()).toBe(3);
    await page.locator('select[name=trainee]').selectOption(trainee.id);
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trainee')))).toEqual([trainee.id, trainee.id]);
    expect(new URL(page.url()).searchParams.get('trainee')).toBe(trainee.id);
    await page.reload();
    await page.getByTestId('session-table').waitFor();
    expect(await page.locator('select[name=trainee]').inputValue()).toBe(trainee.id);
    expect(await rows(page).count()).toBe(2);
    // The outcome filter: only the session the trainee ended themself.
    await page.locator('select[name=outcome]').selectOption('ended');
    await expect.poll(() => page.locator('[data-testid=session-table] tbody tr[data-outcome=ended]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=session-table] tbody tr:not([data-outcome=ended])').count()).toBe(0);
    expect(await page.locator(`[data-testid=session-table] tr[data-session="${second.sessionId}"]`).count()).toBe(1);
    await page.locator('select[name=outcome]').selectOption('all');
    await expect.poll(() => rows(page).count()).toBe(2);

    // Sorting by a header, with the keyboard: aria-sort says which way; newest first to begin with.
    expect(await rows(page).first().getAttribute('data-session')).toBe(second.sessionId);
    const dateHeader = page.locator('th[data-sort=date]');
    const scoreHeader = page.locator('th[data-sort=score]');
    expect(await dateHeader.getAttribute('aria-sort')).toBe('descending');
    await dateHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dateHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await rows(page).first().getAttribute('data-session')).toBe(played.sessionId);
    await scoreHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => scoreHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await dateHeader.getAttribute('aria-sort')).toBe('none');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('score');
    expect(await rows(page).first().textContent()).toContain(trainee.username);
    await screenshot(page, 'coach-sessions');

    // The replay: persona and version, outcome, the transcript.
    await page.locator(`[data-testid=session-table] tr[data-session="${played.sessionId}"]`).getByTestId('open-replay').click();
    await page.getByTestId('replay').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/coach/sessions/${played.sessionId}`);
    expect(await page.getByTestId('persona-version').textContent()).toBe('Persona version 1');
    expect(await page.locator('#coach-replay-title').textContent()).toContain('陳先生');
    const turns = page.getByTestId('replay-turn');
    expect(await turns.count()).toBe(played.texts.length);
    expect(await page.locator(`${replayTurn(1)} .coach-turn__text`).textContent()).toBe(REPLIES[0]);
    expect(await page.locator(`${replayTurn(1)} mark.evidence--good`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${replayTurn(1)} .coach-chip`).count()).toBe(5);
    expect(await page.locator(`${replayTurn(1)} [data-signal="listening.reflection"]`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('replay-outcome').textContent()).toContain(played.outcome === 'resolved' ? 'Resolved' : 'Ended by the trainee');

    // Stepping with the keyboard moves the highlight and the mood chart's marker.
    expect(await stepNumber(page)).toBe(1);
    await page.locator('body').click({ position: { x: 5, y: 200 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stepNumber(page)).toBe(4);
    expect(await page.locator(replayTurn(3)).getAttribute('aria-current')).toBe('step');
    expect(await page.locator('[data-testid=replay-turn][aria-current]').count()).toBe(1);
    expect(await page.getByTestId('replay-mood').getAttribute('data-reply')).toBe('2');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => stepNumber(page)).toBe(3);
    expect(await page.getByTestId('replay-mood').getAttribute('data-reply')).toBe('1');
    await page.getByRole('button', { name: 'Last turn' }).click();
    await expect.poll(() => stepNumber(page)).toBe(played.texts.length);
    // The last turn was brought into view.
    const lastTurn = page.locator(replayTurn(played.texts.length - 1));
    await expect.poll(async () => {
      const box = await lastTurn.boundingBox();
      return box !== null && box.y < DESKTOP.height && box.y + box.height > 0;
    }).toBe(true);

    // A comment on the first reply; typing arrows in it does not step.
    const comments = page.locator(`${replayTurn(1)} [data-testid=turn-comments]`);
    expect(await page.locator('[data-testid=turn-comments] textarea').count()).toBe(0);
    await comments.getByTestId('comment-open').click();
    await comments.locator('textarea').fill(COMMENT);
    await comments.locator('textarea').press('ArrowLeft');
    expect(await stepNumber(page)).toBe(played.texts.length);
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => comments.getByTestId('comment').count()).toBe(1);
    expect(await comments.getByTestId('comment').textContent()).toContain(COMMENT);
    expect(await comments.getByTestId('comment').textContent()).toContain(coach.username);
    expect(await comments.locator('textarea').count()).toBe(0);

    // An override: the reason is required; the engine's score stays beside the coach's.
    const empathy = page.locator(criterionLine('empathy'));
    const engineScore = ((await empathy.getByTestId('engine-score').textContent()) ?? '').replace(/\D+/g, '');
    expect(engineScore).not.toBe('');
    await empathy.getByTestId('override-open').click();
    await empathy.locator('input[name=score]').fill('55');
    await empathy.getByRole('button', { name: 'Save score' }).click();
    expect(await empathy.getByTestId('override-error').textContent()).toContain('Write why');
    await empathy.locator('textarea[name=reason]').fill(REASON);
    await empathy.getByRole('button', { name: 'Save score' }).click();
    await expect.poll(() => empathy.getByTestId('coach-score').textContent()).toContain('55');
    expect(await empathy.getByTestId('override-reason').textContent()).toContain(REASON);
    expect(await empathy.getByTestId('override-reason').textContent()).toContain(coach.username);
    expect(((await empathy.getByTestId('engine-score').textContent()) ?? '').replace(/\D+/g, '')).toBe(engineScore);
    expect(await page.getByTestId('coaching').locator('[data-kind]').count()).toBe(3);
    await screenshot(page, 'coach-replay');

    // Both survive a reload.
    await page.reload();
    await page.getByTestId('replay').waitFor();
    await expect.poll(() => page.locator(criterionLine('empathy')).getByTestId('coach-score').textContent()).toContain('55');
    expect(((await page.locator(criterionLine('empathy')).getByTestId('engine-score').textContent()) ?? '').replace(/\D+/g, '')).toBe(engineScore);
    expect(await page.locator(`${replayTurn(1)} [data-testid=comment]`).textContent()).toContain(COMMENT);

    // The CSV, downloaded with the token under the suite.server's file name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(COMMENT);
    expect(csv).toContain('真的很抱歉');
    expect(csv).toContain(REASON);

    // The printable report: the same scores, without the app's frame when printed.
    await page.getByTestId('open-print').click();
    await page.getByTestId('print-report').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/coach/sessions/${played.sessionId}/print`);
    const printed = page.locator('[data-testid=print-criteria] tr[data-criterion=empathy]');
    expect(await printed.textContent()).toContain(engineScore);
    expect(await printed.textContent()).toContain('55');
    expect(await page.getByTestId('print-report').textContent()).toContain(COMMENT);
    expect(await page.getByTestId('print-best').locator('mark').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await inPage(page, "getComputedStyle(document.querySelector('.app-header')).display")).toBe('none');
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await screenshot(page, 'coach-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('print-button').isVisible()).toBe(true);

    // An assignment for the trainee: pending until they play it.
    await page.goto(`${suite.server.url}/coach/assignments`);
    const form = page.getByTestId('assignment-form');
    await form.waitFor();
    await form.locator('select[name=persona]').selectOption('late-disbursement');
    await form.locator('select[name=locale]').selectOption('zh-Hant');
    await form.locator(`input[name=trainee][value="${trainee.id}"]`).check();
    await form.locator('input[name=hideMood]').check();
    await form.locator('input[name=hints][value=off]').check();
    await form.locator('textarea[name=note]').fill('先同理，再複述。');
    await form.getByRole('button', { name: 'Create assignment' }).click();
    const status = page.locator(`[data-testid=assignment-list] tr[data-trainee="${trainee.id}"] [data-testid=assignment-status]`);
    await expect.poll(() => status.first().textContent()).toBe('Pending');
    expect(await page.getByTestId('assignment-list').textContent()).toContain('先同理，再複述。');
    expect(await page.getByTestId('assignment-list').textContent()).toContain('mood gauge hidden');
    await screenshot(page, 'coach-assignments');

    // The trainee's progress: one line per criterion, the table, the suggestions.
    await page.locator(`[data-testid=assignment-list] tr[data-trainee="${trainee.id}"] a`).first().click();
    await page.getByTestId('trainee-progress').waitFor();
    expect(await page.locator('#coach-progress-title').textContent()).toBe(trainee.username);
    expect(await page.locator('[data-testid=progress-chart] polyline').count()).toBe(5);
    expect(await page.locator('[data-testid=progress-chart] [data-criterion=empathy] circle').count()).toBe(2);
    const tableRows = page.locator('[data-testid=progress-table] tbody tr');
    expect(await tableRows.count()).toBe(2);
    // Oldest first: the overridden session is the first.
    expect(await tableRows.first().locator('td').first().textContent()).toBe('55');
    expect(await page.getByTestId('coaching').count()).toBe(2);
    expect(await page.getByTestId('coaching').first().locator('[data-kind]').count()).toBe(3);
    await screenshot(page, 'coach-progress');

    // The list and the replay on a phone: nothing wider than the screen.
    const phone = await newPage({ viewport: PHONE, storageState: await context.storageState() });
    await phone.page.goto(`${suite.server.url}/coach?trainee=${trainee.id}`);
    await phone.page.getByTestId('session-table').waitFor();
    expect(await rows(phone.page).count()).toBe(2);
    expect(await inPage<number>(phone.page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'coach-sessions-phone');
    await phone.page.goto(`${suite.server.url}/coach/sessions/${played.sessionId}`);
    await phone.page.getByTestId('replay').waitFor();
    expect(await inPage<number>(phone.page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'coach-replay-phone');
    // The interface in 繁體中文; what was said stays as it was.
    await phone.page.getByTestId('language-switcher').selectOption('zh-Hant');
    await expect.poll(() => phone.page.getByTestId('step-position').textContent()).toBe(`第 1 輪，共 ${played.texts.length} 輪`);
    expect(await phone.page.getByTestId('coach-nav').textContent()).toContain('練習紀錄');
    expect(await phone.page.locator(`${replayTurn(1)} .coach-turn__text`).textContent()).toBe(REPLIES[0]);

    expect(problems).toEqual([]);
    expect(phone.problems).toEqual([]);
  }, 120_000);
});
