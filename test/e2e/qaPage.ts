/**
 * The QA screens as a test drives them: sign in to the persona library, open a persona,
 * put text in its editor (typed or uploaded as a file), read the problems the check found,
 * save. Selectors are the ones the client sets for this (`data-testid`, `data-line`,
 * `data-persona`), not its look.
 */
import type { Page } from 'playwright-core';
import type { Locale } from '../../server/scoring/types.ts';

export async function signInToLibrary(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('persona-files').waitFor();
}

export const libraryRow = (id: string, locale: Locale) => `[data-testid=persona-files] tr[data-persona="${id}"][data-locale="${locale}"]`;

export async function openPersonaFile(page: Page, id: string, locale: Locale): Promise<void> {
  await page.locator(`${libraryRow(id, locale)} a`).click();
  await page.getByTestId('history').waitFor();
}

/** The editor's text as it is now. */
export function editorText(page: Page): Promise<string> {
  return page.getByTestId('persona-text').inputValue();
}

/** Chooses a file with this text in the "Upload file" input, as a person picking it would. */
export async function uploadYaml(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('upload').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text, 'utf8') });
}

/** Waits for the check of the text now in the editor, and returns what it says. */
export async function checked(page: Page): Promise<string> {
  const status = page.getByTestId('check-status');
  await status.filter({ hasNotText: /^Checking/ }).waitFor({ state: 'attached', timeout: 10_000 });
  return (await status.textContent()) ?? '';
}

/** The problems listed beside the editor: each one's line (null when it names none) and words. */
export async function problems(page: Page): Promise<{ line: number | null; text: string }[]> {
  return page.locator('[data-testid=problems] li').evaluateAll((items) =>
    items.map((li) => ({ line: li.getAttribute('data-line') ? Number(li.getAttribute('data-line')) : null, text: li.textContent ?? '' })),
  );
}

/** The line (1-based) the editor's cursor is on. */
export async function cursorLine(page: Page): Promise<number> {
  return page.getByTestId('persona-text').evaluate((el) => {
    const area = el as unknown as { value: string; selectionStart: number };
    return area.value.slice(0, area.selectionStart).split('\n').length;
  });
}

/** The gutter's line numbers marked as having a problem. */
export async function markedLines(page: Page): Promise<number[]> {
  return page.locator('.yaml-editor__line--problem').evaluateAll((spans) => spans.map((s) => Number(s.getAttribute('data-line'))));
}
