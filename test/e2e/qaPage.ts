/**
 * The QA screens as a test drives them: sign in to the persona library, open a persona,
 * put text in its editor (typed or uploaded as a file), read the problems the check found,
 * save. Selectors are the ones the client sets for this (`data-testid`, `data-line`,
 * `data-persona`), not its look.
 */
import type { Locator, Page } from 'playwright-core';
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

/**
 * The CodeMirror view behind an editor's content element. CodeMirror keeps only the lines
 * on screen in the page, so the whole text is read from its state; this is what its public
 * `EditorView.findFromDOM` does, written out because the page cannot import it.
 */
interface EditorElement {
  cmTile: { root: { view: { state: { doc: { toString(): string; lineAt(pos: number): { number: number } }; selection: { main: { head: number } } } } } };
}

/** The editor's text as it is now (the main editor unless another one is given). */
export function editorText(page: Page, editor: Locator = page.getByTestId('persona-text')): Promise<string> {
  return editor.evaluate((el) => (el as unknown as EditorElement).cmTile.root.view.state.doc.toString());
}

/** Replaces the editor's whole text as a person pasting it would: select all, paste. */
export async function pasteText(page: Page, text: string, editor: Locator = page.getByTestId('persona-text')): Promise<void> {
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await editor.evaluate((el, pasted) => {
    // The page's own DOM classes (this file is type-checked without the DOM library).
    const dom = el.ownerDocument.defaultView as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => Event;
    };
    const data = new dom.DataTransfer();
    data.setData('text/plain', pasted);
    el.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
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
    const { state } = (el as unknown as EditorElement).cmTile.root.view;
    return state.doc.lineAt(state.selection.main.head).number;
  });
}

/** The lines the editor marks as having a problem. */
export async function markedLines(page: Page): Promise<number[]> {
  const lines = (await page.locator('.yaml-editor[data-marked-lines]').first().getAttribute('data-marked-lines')) ?? '';
  return lines.split(' ').filter(Boolean).map(Number);
}
