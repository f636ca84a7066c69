// The server's Content-Security-Policy (server/http/securityHeaders.ts) against the built
// client in Chromium: the trainee's conversation (with socket.io over a WebSocket, which
// connect-src 'self' must allow), the coach's replay and the QA person's persona editor with
// its tests run. Each page records every `securitypolicyviolation` event and every console
// message from the start, and none may be a violation: the client needs no inline script, no
// inline style attribute and no other origin. The policy is really enforced: a style
// attribute set from a script is refused on the same page.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import type { TestUser } from '../support/testServer.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { playSession, signInAsCoach } from './coachPage.ts';
import { openPersonaFile, signInToLibrary, checked } from './qaPage.ts';
import { inPage, openBriefing, say, signIn, startConversation } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 900 };
const APOLOGY = 'I am so sorry you were charged twice. You are saying the repayment was taken twice on the 5th, is that right?';

interface Watched {
  page: Page;
  /** Each violation as `directive blocked-uri`, and each console line that reports one. */
  violations: string[];
  webSockets: string[];
}

describe.skipIf(!run)('the Content-Security-Policy in Chromium', () => {
  const suite = browserSuite();
  let coach: TestUser;
  let sessionId: string;

  beforeAll(async () => {
    const trainee = await suite.server.user('trainee');
    coach = await suite.server.user('coach');
    ({ sessionId } = await playSession(suite.server, trainee, 'double-charge', 'en', [APOLOGY]));
  }, 60_000);

  async function watchedPage(): Promise<Watched> {
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    // Listening before any page script runs, so a violation during the first render counts.
    await context.addInitScript(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));
    `);
    const page = await context.newPage();
    const violations: string[] = [];
    const webSockets: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    page.on('websocket', (ws) => webSockets.push(ws.url()));
    return { page, violations, webSockets };
  }

  async function expectNoViolation(watched: Watched): Promise<void> {
    const reported = await inPage<string[]>(watched.page, 'window.cspViolations');
    expect([...reported, ...watched.violations]).toEqual([]);
  }

  it('lets the trainee talk, over a WebSocket, with no violation', async () => {
    const trainee = await suite.server.user('trainee');
    const watched = await watchedPage();
    const { page } = watched;
    await signIn(page, suite.server.url, trainee.username, trainee.password);
    await openBriefing(page, 'double-charge', 'en');
    await startConversation(page);
    await say(page, APOLOGY, 1);
    // The mood gauge's bars are sized by React's style property: they must show.
    const widths = await inPage<string[]>(page, `[...document.querySelectorAll('.mood-gauge__fill')].map((e) => e.style.width)`);
    expect(widths.length).toBeGreaterThan(0);
    expect(widths.every((w) => /%$/.test(w))).toBe(true);
    expect(watched.webSockets.some((url) => /^ws:\/\/127\.0\.0\.1:\d+\/socket\.io\//.test(url))).toBe(true);
    await expectNoViolation(watched);
  });

  it('shows the coach’s session list and replay with no violation', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await signInAsCoach(page, suite.server.url, coach);
    await page.locator(`[data-testid=session-table] tr[data-session="${sessionId}"]`).getByTestId('open-replay').click();
    await page.getByTestId('replay').waitFor();
    await page.getByTestId('replay-turn').first().waitFor();
    await expectNoViolation(watched);
  });

  it('shows the QA persona editor and its test run with no violation', async () => {
    const qa = await suite.server.user('qa');
    const watched = await watchedPage();
    const { page } = watched;
    await signInToLibrary(page, suite.server.url, qa.username, qa.password);
    await openPersonaFile(page, 'double-charge', 'en');
    expect(await checked(page)).toContain('Valid');
    await page.getByTestId('run-tests').click();
    const summary = page.getByTestId('tests-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toMatch(/^\d+ passed, 0 failed$/);
    await expectNoViolation(watched);
  });

  it('is enforced: an inline script and a style attribute set from a script are refused', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(suite.server.url);
    await page.locator('input[name=username]').waitFor();
    await inPage(
      page,
      `(() => {
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.body.append(s);
        document.body.setAttribute('style', 'background: red');
      })()`,
    );
    await expect.poll(() => inPage<string[]>(page, 'window.cspViolations')).toEqual(expect.arrayContaining(['script-src-elem inline', 'style-src-attr inline']));
    expect(await inPage(page, 'window.inlineRan === true')).toBe(false);
  });
});
