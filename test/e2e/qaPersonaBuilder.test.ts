// A QA person in the Chinese interface builds personas without writing YAML (Chromium,
// against a whole server): a persona duplicated and edited in the form, with a mistake the
// check words in Chinese beside the field and in the problem list, then fixed and saved; the
// copy started in English beside its Chinese original; and, retired, the copy leaves the
// trainees' list of customers. What the form does not show (the comments) survives. The YAML
// editor offers the schema's fields as completions and wraps long lines.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { editorText, openPersonaFile, pasteText, problems, signInToLibrary } from './qaPage.ts';
import { screenshot, signIn } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);
const DESKTOP = { width: 1280, height: 900 };
const COPY = 'double-charge-copy';

/** Waits for the page's check, in Chinese, and returns it. */
async function checkedZh(page: Page): Promise<string> {
  const status = page.getByTestId('check-status');
  await status.filter({ hasNotText: /^正在检查/ }).waitFor({ state: 'attached', timeout: 10_000 });
  return (await status.textContent()) ?? '';
}

const field = (page: Page, name: string) => page.locator(`[data-testid=persona-form] [data-field="${name}"]`);

describe.skipIf(!run)('the persona builder in the browser', () => {
  const suite = browserSuite();

  it('duplicates a persona, edits it in the form in Chinese with a mistake shown and fixed, adds English beside it, and retires it', async () => {
    const qa = await suite.server.user('qa');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInToLibrary(page, suite.server.url, qa.username, qa.password);

    // Duplicate: a new persona with the id "<id>-copy", the original's text otherwise.
    await openPersonaFile(page, 'double-charge', 'zh-Hans');
    const original = await editorText(page);
    await page.getByTestId('duplicate').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/qa/new/from/double-charge/zh-Hans');
    await page.getByTestId('persona-text').waitFor();
    await expect.poll(() => editorText(page)).toContain(`id: ${COPY}`);
    // A comment written in the YAML tab, which the form must keep.
    await pasteText(page, `# 复制来做新员工培训\n${await editorText(page)}`);

    // The form: the name emptied is a mistake, said in Chinese beside the field and in the list.
    await page.getByTestId('tab-form').click();
    await field(page, 'name').locator('input').fill('');
    await expect.poll(() => field(page, 'name').getByTestId('field-problems').textContent()).toBe('客户名称: 不能为空');
    expect(await checkedZh(page)).toContain('有 1 处问题');
    expect((await problems(page)).map((p) => p.text)).toEqual([expect.stringContaining('客户名称: 不能为空')]);
    expect(await page.getByTestId('save').isDisabled()).toBe(true);
    await screenshot(page, 'qa-form-mistake');

    // Fixed, with a calmer start on the slider: valid, and saved under the new id.
    await field(page, 'name').locator('input').fill('王先生：新员工练习用');
    await field(page, 'mood.initial.anger').locator('input[type=range]').fill('3');
    expect(await checkedZh(page)).toContain('有效');
    expect(await field(page, 'name').getByTestId('field-problems').count()).toBe(0);
    await page.getByTestId('tab-yaml').click();
    const written = await editorText(page);
    expect(written).toMatch(/^# 复制来做新员工培训\n/);
    expect(written).toContain('name: 王先生：新员工练习用');
    expect(written).toMatch(/initial: \{ anger: 3, /);
    // Everything else as the original wrote it.
    const others = (text: string) => text.split('\n').filter((l) => !/^(# 复制|id:|name:|  initial:)/.test(l));
    expect(others(written)).toEqual(others(original));
    await page.getByTestId('save').click();
    await page.getByTestId('history').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/qa/personas/${COPY}/zh-Hans`);

    // English beside it: the Chinese original shown read-only, the draft in English's place.
    await page.getByTestId('language-to-add').selectOption('en');
    await page.getByTestId('add-language').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/qa/new/from/${COPY}/zh-Hans/en`);
    await page.getByTestId('original').waitFor();
    await expect.poll(() => editorText(page)).toContain('locale: en');
    expect(await editorText(page, page.locator('[data-testid=original] .cm-content'))).toContain('name: 王先生：新员工练习用');
    await page.getByTestId('tab-form').click();
    await field(page, 'name').locator('input').fill('Mr Wang: practice for new staff');
    expect(await checkedZh(page)).toContain('有效');
    await screenshot(page, 'qa-add-language');
    await page.getByTestId('save').click();
    await page.getByTestId('history').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/qa/personas/${COPY}/en`);

    // A trainee (customers in Simplified Chinese, as the interface) sees the copy; retired, it
    // leaves the list, the persona it was copied from stays.
    const trainee = await suite.server.user('trainee');
    const traineeContext = await suite.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const picker = await traineeContext.newPage();
    await signIn(picker, suite.server.url, trainee.username, trainee.password);
    const card = (id: string) => picker.locator(`.persona-card[data-persona="${id}"][data-locale="zh-Hans"]`);
    await card(COPY).waitFor();

    await page.goto(`${suite.server.url}/qa/personas/${COPY}/zh-Hans`);
    await page.getByTestId('history').waitFor();
    await page.getByTestId('tab-form').click();
    await field(page, 'retired').locator('input').check();
    expect(await checkedZh(page)).toContain('有效');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('2');
    await page.getByTestId('tab-yaml').click();
    expect(await editorText(page)).toContain('retired: true');

    await picker.reload();
    await card('double-charge').waitFor();
    expect(await card(COPY).count()).toBe(0);
    await screenshot(picker, 'trainee-without-retired');
  }, 120_000);

  it("offers the persona's fields as completions and wraps long lines in the YAML editor", async () => {
    const qa = await suite.server.user('qa');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    await signInToLibrary(page, suite.server.url, qa.username, qa.password);
    await page.goto(`${suite.server.url}/qa/new`);
    const box = page.getByTestId('persona-text');
    await box.focus();
    await page.keyboard.type('diffi');
    await page.keyboard.press('Control+Space');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allTextContents()).toContainEqual(expect.stringContaining('difficulty'));
    expect(await box.getAttribute('class')).toContain('cm-lineWrapping');
  }, 60_000);
});

