/**
 * The trainee's screens as a test drives them: sign in, pick a persona, start, say something
 * and wait for the customer's answer. Selectors are the ones the client sets for this
 * (`data-testid`, `data-index`, form names), not its look.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Locale } from '../../server/scoring/types.ts';

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Evaluates an expression in the page. As a string: the tests are type-checked without the
 * DOM library (the root tsconfig is Node's), and the page's globals are not Node's.
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top, so sticky parts (the header, the mood gauge) sit where a reader first sees them.
  await inPage(page, 'window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('.persona-list').waitFor();
}

export async function openBriefing(page: Page, personaId: string, locale: Locale): Promise<void> {
  await page.locator('select[name=locale]').selectOption(locale);
  await page.locator(`.persona-card[data-persona="${personaId}"][data-locale="${locale}"] a`).click();
  await page.locator('.briefing h1').waitFor();
}

export async function startConversation(page: Page): Promise<void> {
  await page.locator('.briefing__start button').click();
  await page.locator('.message--customer[data-index="0"]').waitFor();
}

/** A customer turn that has been said (not the one still streaming). */
export const customerTurn = (index: number) => `.message--customer:not(.message--streaming)[data-index="${index}"]`;

/**
 * Types a reply, sends it with Enter, and waits for the customer's answer; returns what was
 * on screen of the answer while it streamed: each different partial text seen, in order.
 */
export async function say(page: Page, text: string, index: number): Promise<{ partials: string[] }> {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  // The page notes each text the streaming bubble shows, as it changes, until the answer is in.
  await inPage(
    page,
    `(() => {
      const seen = [];
      const observer = new MutationObserver(() => {
        const now = document.querySelector('[data-testid=streaming] .message__text')?.textContent ?? '';
        if (now && now !== seen[seen.length - 1]) seen.push(now);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      window.sparringStreamed = { seen, observer };
    })()`,
  );
  await composer.press('Enter');
  await page.locator(customerTurn(index + 1)).waitFor({ timeout: 15_000 });
  const partials = await inPage<string[]>(page, '(() => { window.sparringStreamed.observer.disconnect(); return window.sparringStreamed.seen; })()');
  return { partials };
}

export async function moodValue(page: Page, axis: 'anger' | 'trust' | 'confusion'): Promise<number> {
  return Number(await page.locator(`[data-testid=mood-gauge] [data-axis=${axis}]`).getAttribute('aria-valuenow'));
}

export interface ShownTurn {
  index: number;
  role: 'customer' | 'trainee';
  text: string;
}

/** The conversation as the page shows it, in screen order: every turn said, not the one still streaming. */
export function transcriptOnScreen(page: Page): Promise<ShownTurn[]> {
  return inPage(
    page,
    `[...document.querySelectorAll('[data-testid=messages] .message:not(.message--streaming)')].map((m) => ({
      index: Number(m.dataset.index),
      role: m.classList.contains('message--customer') ? 'customer' : 'trainee',
      text: m.querySelector('.message__text')?.textContent ?? '',
    }))`,
  );
}

/** What the connection banner says: `online`, `offline` or `connecting`. */
export function connectionState(page: Page): Promise<string | null> {
  return page.getByTestId('connection-banner').getAttribute('data-state');
}
