// A QA person in Chromium, against a whole server (real store, persona library, rubric,
// socket.io; no LLM, so customers answer from their scripts): the library lists every
// starter persona as valid; a broken version of one, uploaded as a file, shows its problems
// by line with Save disabled; fixed, it saves as the next version, which the history and
// the library show; its own tests pass; and a try-out conversation shows the hints.
// Screenshots go to test/e2e/screenshots/qa-*.png.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { checked, cursorLine, editorText, libraryRow, markedLines, openPersonaFile, pasteText, problems, signInToLibrary, uploadYaml } from './qaPage.ts';
import { customerTurn, screenshot, say } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);

const DESKTOP = { width: 1280, height: 900 };
// Every persona shipped in personas/, one folder each.
const STARTERS = readdirSync(new URL('../../personas/', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

// The persona edited: personas/double-charge/en.yaml, broken in two ways and fixed again.
const INDENTED = '  goals: [empathy, active_listening, complaint_process, plain_language, conduct]';
const MOOD = '  initial: { anger: 5, trust: 4, confusion: 1 }';
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

describe.skipIf(!run)('the QA person in the browser', () => {
  const suite = browserSuite();

  it('uploads a broken persona, sees its problems by line, fixes and saves it, runs its tests and tries it out', async () => {
    const qa = await suite.server.user('qa');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // The library: every starter persona in three languages, all valid.
    await signInToLibrary(page, suite.server.url, qa.username, qa.password);
    const rows = page.locator('[data-testid=persona-files] tbody tr');
    expect(await rows.count()).toBe(STARTERS.length * 3);
    expect(await page.locator('[data-testid=persona-files] tr[data-status=invalid]').count()).toBe(0);
    expect(await page.locator(`${libraryRow('double-charge', 'en')} [data-testid=version]`).textContent()).toBe('1');
    await page.locator('select[name=locale]').selectOption('zh-Hant');
    expect(await rows.count()).toBe(STARTERS.length);
    await page.locator('select[name=locale]').selectOption('all');
    await screenshot(page, 'qa-library');

    // The persona's page: its text as shipped, version 1 in the history.
    await openPersonaFile(page, 'double-charge', 'en');
    const original = await editorText(page);
    expect(original).toBe(readFileSync(new URL('../../personas/double-charge/en.yaml', import.meta.url), 'utf8'));
    expect(await checked(page)).toContain('Valid');
    expect(await page.locator('[data-testid=history] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-version')))).toEqual(['1']);
    const indentLine = lineOf(original, INDENTED);
    const moodLine = lineOf(original, MOOD);
    expect(indentLine).toBeGreaterThan(0);
    expect(moodLine).toBeGreaterThan(0);

    // A broken version, uploaded: a goals line out of its column, and a mood that is not a number.
    const wrongMood = original.replace(MOOD, '  initial: { anger: furious, trust: 4, confusion: 1 }');
    const broken = wrongMood.replace(INDENTED, INDENTED.slice(1));
    await uploadYaml(page, 'double-charge-en.yaml', broken);
    await expect.poll(() => editorText(page)).toBe(broken);
    expect(await checked(page)).toContain('Invalid');
    expect((await problems(page)).map((p) => p.line)).toContain(indentLine);
    expect(await markedLines(page)).toContain(indentLine);
    expect(await page.getByTestId('save').isDisabled()).toBe(true);
    await screenshot(page, 'qa-problems');

    // The indentation fixed, the mood remains: its problem names the line and the field, and
    // clicking it puts the cursor there.
    await pasteText(page, wrongMood);
    await expect.poll(async () => (await problems(page)).map((p) => p.line)).toEqual([moodLine]);
    const [moodProblem] = await problems(page);
    expect(moodProblem!.text).toContain(`line ${moodLine}`);
    expect(moodProblem!.text).toContain('Starting anger: should be a number, not text');
    expect(await page.getByTestId('save').isDisabled()).toBe(true);
    await page.locator(`[data-testid=problems] li[data-line="${moodLine}"] button`).click();
    expect(await cursorLine(page)).toBe(moodLine);

    // A summary that tells what the customer keeps until asked: refused on its line, naming
    // the fact and what gives it away, in the interface's words.
    const leaking = original.replace(/^summary: .*$/m, 'summary: Maria got two payment texts, at 6:02 and 6:04, and wants it fixed today.');
    const summaryLine = leaking.split('\n').findIndex((l) => l.startsWith('summary:')) + 1;
    await pasteText(page, leaking);
    await expect.poll(async () => (await problems(page)).map((p) => p.line)).toEqual([summaryLine]);
    expect((await problems(page))[0]!.text).toContain('Summary for trainees: gives away the hidden fact “sms” (6:02 · 6:04)');
    expect(await page.getByTestId('save').isDisabled()).toBe(true);

    // Fixed, with a change worth saving: valid, saved as version 2.
    const fixed = original.replace('She is calling between lessons', 'She is calling from the staff room between lessons');
    await pasteText(page, fixed);
    expect(await checked(page)).toContain('Valid');
    expect(await problems(page)).toEqual([]);
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('version 2');
    await expect.poll(() => page.locator('[data-testid=history] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-version')))).toEqual(['2', '1']);
    expect(await editorText(page)).toContain('from the staff room');
    expect(await page.getByTestId('current-version').textContent()).toContain('version 2');

    // The old version opens read-only.
    await page.locator('[data-testid=history] li[data-version="1"] button').click();
    const old = page.locator('[data-testid=old-version] .cm-content');
    await old.waitFor();
    expect(await editorText(page, old)).not.toContain('from the staff room');
    expect(await old.getAttribute('contenteditable')).toBe('false');

    // Its own tests, on the saved text: all pass.
    await page.getByTestId('run-tests').click();
    const summary = page.getByTestId('tests-summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toMatch(/^\d+ passed, 0 failed$/);
    expect(await page.locator('.qa-test[data-passed=false]').count()).toBe(0);
    expect(await page.locator('.qa-test').count()).toBeGreaterThan(0);
    await screenshot(page, 'qa-editor');

    // The library shows the saved version, by whom.
    await page.getByRole('link', { name: 'Back to the persona library' }).click();
    const row = page.locator(libraryRow('double-charge', 'en'));
    await row.waitFor();
    expect(await row.locator('[data-testid=version]').textContent()).toBe('2');
    expect(await row.textContent()).toContain('Saved here');
    expect(await row.textContent()).toContain(qa.username);
    expect(await page.locator('[data-testid=persona-files] tr[data-status=invalid]').count()).toBe(0);

    // A try-out: the trainee's chat, hints and mood shown, no switches to hide them.
    await openPersonaFile(page, 'double-charge', 'en');
    await page.getByTestId('try-out').click();
    await page.getByTestId('tryout').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/qa\/try\/[^/]+$/);
    await page.locator('.message--customer[data-index="0"]').waitFor();
    await say(page, "Ms Santos, I'm so sorry this happened. So your loan payment of $412.60 was taken twice this month, is that right? I'll sort this out for you.", 1);
    expect(await page.locator(customerTurn(2)).textContent()).toBeTruthy();
    await expect.poll(() => page.locator('.message--trainee[data-index="1"] [data-testid=hints]').textContent()).toContain('✓');
    await page.getByTestId('mood-gauge').waitFor();
    expect(await page.getByTestId('toggle-hints').count()).toBe(0);
    expect(await page.getByTestId('toggle-mood').count()).toBe(0);
    await screenshot(page, 'qa-tryout');

    // Ended, the scorecard, with the way back to the persona.
    await page.getByRole('button', { name: 'End and score' }).click();
    await page.getByTestId('scorecard').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/qa\/try\/[^/]+\/report$/);
    await page.getByRole('link', { name: 'Back to double-charge · en' }).waitFor();
    await screenshot(page, 'qa-tryout-scorecard');

    expect(dialogs).toEqual([]);
  }, 90_000);

  it('makes a new persona from pasted text, and refuses a save over a version saved meanwhile', async () => {
    const qa = await suite.server.user('qa');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await signInToLibrary(page, suite.server.url, qa.username, qa.password);

    // New: the id and locale come from the text; saved, it has a page of its own.
    const shipped = readFileSync(new URL('../../personas/third-party-answer/en.yaml', import.meta.url), 'utf8');
    await page.getByRole('link', { name: 'New persona' }).click();
    await page.getByTestId('persona-text').waitFor();
    expect(await page.getByTestId('save').isDisabled()).toBe(true);
    // Tab indents with two spaces; Escape first lets Tab leave the editor.
    const box = page.getByTestId('persona-text');
    await box.focus();
    await page.keyboard.type('a: 1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('b');
    expect(await editorText(page)).toBe('a: 1\n  b');
    // CodeMirror lets Tab leave for two seconds after Escape: on a loaded machine the two
    // presses may come further apart, so the pair is tried again until the focus moves.
    // The editor lives in a shadow root: its focused element is that root's, not the document's.
    const focused = () => box.evaluate((el) => el === (el.getRootNode() as unknown as { activeElement: unknown }).activeElement);
    await expect
      .poll(async () => {
        if (await focused()) {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Tab');
        }
        return focused();
      })
      .toBe(false);
    // Its name carries markup: what a persona file says is shown as text, never run.
    const attack = '<img src=x onerror="window.__injected=1">';
    await pasteText(page, shipped.replace('id: third-party-answer', 'id: third-party-answer-copy').replace('name: "Janet Walsh', `name: "${attack.replaceAll('"', '\\"')} Janet Walsh`));
    expect(await checked(page)).toContain('Valid');
    await page.getByTestId('save').click();
    await page.getByTestId('history').waitFor();
    expect(new URL(page.url()).pathname).toBe('/qa/personas/third-party-answer-copy/en');
    expect(await page.locator('[data-testid=history] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-version')))).toEqual(['1']);

    // Two tabs on one persona: the second save, from the older version, is refused, and the newest loads.
    const other = await context.newPage();
    await other.goto(`${suite.server.url}/qa/personas/third-party-answer-copy/en`);
    await other.getByTestId('history').waitFor();
    await pasteText(page, (await editorText(page)).replace('Janet', 'Janet R.'));
    expect(await checked(page)).toContain('Valid');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('version 2');

    await pasteText(other, (await editorText(other)).replace('Janet', 'Janet W.'));
    expect(await checked(other)).toContain('Valid');
    await other.getByTestId('save').click();
    await expect.poll(() => other.getByTestId('save-status').textContent()).toContain('someone saved a newer version');
    expect(await other.getByTestId('save').isDisabled()).toBe(true);
    await screenshot(other, 'qa-conflict');
    await other.getByRole('button', { name: 'Load the newest version' }).click();
    await expect.poll(() => editorText(other)).toContain('Janet R.');
    expect(await other.getByTestId('current-version').textContent()).toContain('version 2');
    await other.close();

    await page.goto(`${suite.server.url}/qa`);
    const row = page.locator(libraryRow('third-party-answer-copy', 'en'));
    await row.waitFor();
    expect(await row.textContent()).toContain(attack);
    expect(await page.locator(`${libraryRow('third-party-answer-copy', 'en')} img`).count()).toBe(0);
    expect(await page.evaluate('typeof globalThis.__injected')).toBe('undefined');

    // An edit not saved: leaving the page asks first.
    await openPersonaFile(page, 'third-party-answer-copy', 'en');
    await pasteText(page, `${await editorText(page)}\n# not saved yet\n`);
    // The page knows the draft is unsaved once it says so.
    await page.locator('.qa-editor__note').waitFor();
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.accept().then(() => resolve(dialog.type()))));
    await page.reload();
    expect(await asked).toBe('beforeunload');
  }, 120_000);
});
