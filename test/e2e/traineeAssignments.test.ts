// A trainee's assigned practice in Chromium, against a whole server (no LLM: the customer
// answers from its script). A coach assigns a persona over HTTP with the mood gauge hidden
// and hints on; the trainee finds it on their home page, not started; starts it through the
// briefing; the chat hides the mood (with no switch to show it, also in a new tab that has
// to look the settings up) and shows the hints; ended, the assignment shows completed.
// The home page with its assignments is saved as test/e2e/screenshots/trainee-assignments.png,
// the chat with the mood hidden as trainee-assignment-chat.png.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { say, screenshot, signIn } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 860 };
const DAY = 24 * 60 * 60 * 1000;

async function assign(server: TestServer, coach: TestUser, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await fetch(`${server.url}/api/assignments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${coach.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

describe.skipIf(!run)('the trainee’s assigned practice in the browser', () => {
  const suite = browserSuite();

  it('starts an assignment with the mood hidden and hints on, and shows it completed', async () => {
    const [coach, trainee] = await Promise.all([suite.server.user('coach'), suite.server.user('trainee')]);
    const assigned = await assign(suite.server, coach, {
      personaId: 'double-charge',
      locale: 'en',
      traineeIds: [trainee.id],
      dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
      hideMood: true,
      hints: 'on',
      note: 'Take her through the four steps; <b>no</b> jargon.',
    });
    const late = await assign(suite.server, coach, {
      personaId: 'late-disbursement',
      locale: 'zh-Hant',
      traineeIds: [trainee.id],
      dueAt: new Date(Date.now() - DAY).toISOString(),
    });

    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, suite.server.url, trainee.username, trainee.password);

    // "Assigned to you", above the free choice: not started, one of them overdue.
    const item = page.locator(`[data-testid=assigned] li[data-assignment="${assigned.id}"]`);
    const overdue = page.locator(`[data-testid=assigned] li[data-assignment="${late.id}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('pending');
    expect(await item.getByTestId('assignment-status').textContent()).toBe('Not started');
    expect(await item.textContent()).toContain('Ms Santos');
    // The coach's note is text: the tag shows as typed.
    expect(await item.locator('.assigned__note').textContent()).toContain('<b>no</b>');
    expect(await overdue.getAttribute('class')).toContain('assigned__item--overdue');
    expect(await overdue.textContent()).toContain('overdue');
    await screenshot(page, 'trainee-assignments');

    // Started through the briefing, which carries the assignment.
    await item.getByRole('link', { name: 'Start' }).click();
    await page.locator('.briefing h1').waitFor();
    expect(new URL(page.url()).searchParams.get('assignment')).toBe(assigned.id);
    await page.locator('.briefing__start button').click();
    await page.locator('.message--customer[data-index="0"]').waitFor();
    const sessionId = new URL(page.url()).pathname.split('/')[2]!;
    expect((await suite.server.ctx.store.getSession(sessionId))?.session.assignmentId).toBe(assigned.id);

    // The mood is hidden by the coach, with no way to show it; hints are on, with no way to hide them.
    await page.getByTestId('mood-hidden').waitFor();
    expect(await page.getByTestId('mood-hidden').textContent()).toContain('Hidden by your coach');
    expect(await page.getByTestId('mood-gauge').count()).toBe(0);
    expect(await page.getByTestId('toggle-mood').count()).toBe(0);
    expect(await page.getByTestId('toggle-hints').count()).toBe(0);
    await say(page, "Ms Santos, I'm so sorry this happened. So your loan payment of $412.60 was taken twice this month, is that right? I'll sort this out for you.", 1);
    await expect.poll(() => page.locator('.message--trainee[data-index="1"] [data-testid=hints]').textContent()).toContain('✓');
    expect(await page.getByTestId('mood-gauge').count()).toBe(0);
    await screenshot(page, 'trainee-assignment-chat');

    // In another tab the assignment is in progress, and continues with the mood hidden.
    const other = await context.newPage();
    await other.goto(suite.server.url);
    const inProgress = other.locator(`[data-testid=assigned] li[data-assignment="${assigned.id}"]`);
    await inProgress.waitFor();
    expect(await inProgress.getAttribute('data-status')).toBe('in_progress');
    await inProgress.getByRole('link', { name: 'Continue' }).click();
    await other.locator('.message--trainee[data-index="1"]').waitFor();
    await other.getByTestId('mood-hidden').waitFor();
    expect(await other.getByTestId('mood-gauge').count()).toBe(0);
    await other.close();
    // A tab opened straight at the conversation knows nothing of the start: it looks the
    // settings up from the session and the assignments, and the mood stays hidden.
    const direct = await context.newPage();
    await direct.goto(`${suite.server.url}/sessions/${sessionId}`);
    await direct.locator('.message--trainee[data-index="1"]').waitFor();
    await direct.getByTestId('mood-hidden').waitFor();
    expect(await direct.getByTestId('mood-gauge').count()).toBe(0);
    expect(await direct.getByTestId('hints-set').textContent()).toContain('set by your coach');
    await direct.close();

    // Ended: the scorecard, and back home the assignment is completed, to view.
    await page.getByRole('button', { name: 'End and score' }).click();
    await page.getByTestId('scorecard').waitFor();
    await page.goto(suite.server.url);
    await item.waitFor();
    await expect.poll(() => item.getAttribute('data-status')).toBe('completed');
    expect(await item.getByTestId('assignment-status').textContent()).toBe('Completed');
    await item.getByRole('link', { name: 'View' }).click();
    await page.getByTestId('scorecard').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/sessions/${sessionId}/report`);
  }, 60_000);
});
