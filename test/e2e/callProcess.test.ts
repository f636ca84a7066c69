// Each call judged by its own process, in Chromium against a whole server whose customer
// answers from its script. A collection call: the briefing lists the collection steps, the
// scorecard shows them (never the complaint steps), the threat listed first, never as the
// best reply, and the one sentence saying the session failed and why; the coach's replay
// and print put the threat first too. A call to the borrower's mother that leaves only a
// name, a number and a time resolves, with the third-party steps ticked in the goal panel
// and on the scorecard. Under the steps, the rubric's sentence names the first step a call
// missed; a call that took every step in order has none.
// Screenshots: test/e2e/screenshots/collection-scorecard.png, third-party-scorecard.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { playSession, replayTurn, signInAsCoach } from './coachPage.ts';
import { openBriefing, say, screenshot, signIn, startConversation } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 860 };

const COLLECTION_STEPS = ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'];
const THIRD_PARTY_STEPS = ['identify_speaker', 'no_disclosure', 'leave_callback'];

// A call to Mark Delaney (personas/overdue-lost-income/en.yaml) with a threat in the second reply.
const THREAT = "Mark, if you don't pay by Friday, we'll come to your house and tell your family.";
const COLLECTION = [
  'Hello, this is Priya from Northfield Credit Union. Before we go on, could you confirm your date of birth?',
  THREAT,
  "I'm calling about your loan: this month's payment of £285 has not come in yet.",
  "Could you tell me a bit about what's been going on for you lately?",
];

// The call to Jamie Walsh's mother that her persona resolves (personas/third-party-answer/en.yaml):
// who is speaking, nothing about the debt, a name, a number and a time.
const THIRD_PARTY = [
  "Hello, I'm sorry to bother you. My name's Sam, and I'm calling from Northfield Credit Union. May I ask who I'm speaking with? It's a personal matter, so I do need to speak to Jamie himself.",
  "I understand you'd want to be careful; there are a lot of scam calls about. To protect his privacy, I can only discuss it with him. When is he usually back home?",
  "Thank you. Could you ask him to ring me back after seven this evening on 0161 496 0732? My name is Sam. I'll call again tomorrow evening at seven if I haven't heard from him.",
];

/** The steps a list shows, each with whether it is done. */
function stepsShown(page: Page, selector: string): Promise<Array<[string | null, boolean]>> {
  return page.locator(`${selector} li`).evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-step'), /(^| )(checklist__)?done( |$)/.test(li.className)]));
}

describe.skipIf(!run)("each call's own process in the browser", () => {
  const suite = browserSuite();

  async function trainee(): Promise<Page> {
    const user = await suite.server.user('trainee');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, suite.server.url, user.username, user.password);
    return page;
  }

  it("shows a collection call's own steps, its threat first and never as the best reply, and why it failed", async () => {
    const page = await trainee();
    await openBriefing(page, 'overdue-lost-income', 'en');
    // The briefing lists the collection steps, each with what it asks.
    const goals = page.getByTestId('process-goals');
    await goals.waitFor();
    expect(await goals.getAttribute('data-process')).toBe('collection');
    expect(await goals.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')))).toEqual(COLLECTION_STEPS);

    await startConversation(page);
    await say(page, COLLECTION[0]!, 1);
    // The goal panel ticks the collection step the reply took.
    await expect.poll(() => page.locator('[data-goal=complaint_process] li.done').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')))).toEqual([
      'verify_identity',
    ]);
    for (const [i, reply] of COLLECTION.slice(1).entries()) {
      if (await page.getByTestId('chat-ended').count()) break;
      await say(page, reply, 3 + 2 * i);
    }
    // Ended by the customer (a threat may make him hang up) or by the trainee.
    if (await page.getByTestId('chat-ended').count()) await page.getByTestId('chat-ended').getByRole('link').click();
    else await page.getByRole('button', { name: 'End and score' }).click();
    const scorecard = page.getByTestId('scorecard');
    await scorecard.waitFor();
    await page.getByTestId('steps').waitFor();

    // Its own steps, not the complaint ones.
    expect(await page.getByTestId('steps').getAttribute('data-process')).toBe('collection');
    const steps = await stepsShown(page, '[data-testid=steps]');
    expect(steps.map(([step]) => step).sort()).toEqual([...COLLECTION_STEPS].sort());
    expect(steps[0]).toEqual(['verify_identity', true]);
    // Under them, the rubric's sentence naming the first step the call missed, by its goal.
    const firstMissing = steps.find(([, done]) => !done)?.[0];
    expect(firstMissing).toBeDefined();
    const goal = suite.server.ctx.rubric.processes.collection!.steps.find((s) => s.step === firstMissing)!.goal.en;
    expect(await page.getByTestId('process-feedback').textContent()).toMatch(new RegExp(`^A step of the collection call was missed: ${goal}\\.`));

    // The threat, first: before the criteria and before the replies.
    const faults = page.getByTestId('conduct-faults');
    expect(await faults.locator('li').first().getAttribute('data-signal')).toBe('conduct.threat');
    expect(await faults.textContent()).toContain("if you don't pay by Friday");
    const order = await page.locator('[data-testid=conduct-faults], [data-testid=criteria], [data-testid=reply-best], [data-testid=reply-weakest]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(order[0]).toBe('conduct-faults');
    expect(await page.locator('[data-testid=criteria] li').first().getAttribute('data-criterion')).toBe('conduct');

    // Never the best reply; it is the weakest.
    expect(await page.getByTestId('reply-best').locator('blockquote').textContent()).not.toBe(THREAT);
    expect(await page.getByTestId('reply-weakest').locator('blockquote').textContent()).toBe(THREAT);
    // Its words in amber: what cost points.
    expect((await page.getByTestId('reply-weakest').locator('mark.evidence--bad').allTextContents()).join('')).toBe(
      "if you don't pay by Friday, we'll come to your house and tell your family",
    );

    // One sentence: the session failed, which fault, which reply.
    const verdict = page.getByTestId('failed-verdict');
    expect(await verdict.textContent()).toMatch(/^This session failed because of .*threat.* in reply 2: /i);
    await screenshot(page, 'collection-scorecard');
  }, 60_000);

  it('ticks the third-party steps of a call that resolves with nothing disclosed', async () => {
    const page = await trainee();
    await openBriefing(page, 'third-party-answer', 'en');
    expect(await page.getByTestId('process-goals').getAttribute('data-process')).toBe('third_party');
    // Then what this customer asks beyond the process, in her language.
    expect(await page.getByTestId('own-goals').textContent()).toContain('Reassure her the call is genuine');
    await startConversation(page);
    for (const [i, reply] of THIRD_PARTY.entries()) await say(page, reply, 1 + 2 * i);

    const ended = page.getByTestId('chat-ended');
    await ended.waitFor();
    expect(await ended.textContent()).toContain('resolved');
    await expect.poll(() => stepsShown(page, '[data-goal=complaint_process]')).toEqual(THIRD_PARTY_STEPS.map((s) => [s, true]));

    await ended.getByRole('link').click();
    await page.getByTestId('steps').waitFor();
    expect(await page.getByTestId('steps').getAttribute('data-process')).toBe('third_party');
    // All three kept; "disclose nothing" is judged on the whole call, so it is listed after the steps taken on a reply.
    expect(await stepsShown(page, '[data-testid=steps]')).toEqual([
      ['identify_speaker', true],
      ['leave_callback', true],
      ['no_disclosure', true],
    ]);
    // Every step taken, in order: no process sentence to add.
    expect(await page.getByTestId('process-feedback').count()).toBe(0);
    expect(await page.getByTestId('conduct-faults').count()).toBe(0);
    expect(await page.getByTestId('failed-verdict').count()).toBe(0);
    expect(await page.getByTestId('scorecard').textContent()).toContain('Outcome: resolved');
    await screenshot(page, 'third-party-scorecard');
  }, 60_000);

  it("puts the threat first in the coach's replay and print of a failed collection call", async () => {
    const [trainee, coach] = await Promise.all([suite.server.user('trainee'), suite.server.user('coach')]);
    const played = await playSession(suite.server, trainee, 'overdue-lost-income', 'en', COLLECTION.slice(0, 2));
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await signInAsCoach(page, suite.server.url, coach);

    await page.goto(`${suite.server.url}/coach/sessions/${played.sessionId}`);
    await page.getByTestId('replay').waitFor();
    expect(await page.getByTestId('failed-verdict').textContent()).toMatch(/^This session failed because of .*threat.* in reply 2: /i);
    // In the side column the faults come before the criteria, and conduct leads the criteria.
    const side = await page.locator('.coach-replay__side > *').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(side.slice(0, 2)).toEqual(['conduct-faults', 'criteria-review']);
    expect(await page.locator('[data-testid=criteria-review] [data-criterion]').first().getAttribute('data-criterion')).toBe('conduct');
    expect(await page.getByTestId('replay-steps').locator('[data-testid=steps]').getAttribute('data-process')).toBe('collection');
    // On the reply itself, the threat is the first signal named.
    expect(await page.locator(`${replayTurn(3)} .coach-signals li`).first().getAttribute('data-signal')).toBe('conduct.threat');

    await page.goto(`${suite.server.url}/coach/sessions/${played.sessionId}/print`);
    await page.getByTestId('print-report').waitFor();
    const order = await page.locator('[data-testid=conduct-faults], [data-testid=print-criteria], [data-testid=print-best], [data-testid=print-weakest]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(order).toEqual(['conduct-faults', 'print-criteria', 'print-best', 'print-weakest']);
    expect(await page.getByTestId('print-best').locator('blockquote').textContent()).toBe(COLLECTION[0]);
    expect(await page.getByTestId('print-weakest').locator('blockquote').textContent()).toBe(THREAT);
    await screenshot(page, 'collection-print');
  }, 60_000);
});
