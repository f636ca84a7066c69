/**
 * Watches a chat page's conversation at every change of the screen, not only at the end of a
 * test: the order in which turns first appeared, and every moment the page showed something a
 * trainee would find wrong (a turn missing before another, one shown twice, two customer
 * bubbles in a row). The reply still streaming is left out: it is not a turn yet.
 */
import type { Page } from 'playwright-core';
import { inPage } from './traineePage.ts';

export interface TranscriptWatch {
  /** Each turn as it first appeared on screen, in that order: `1:trainee`, `2:customer`… */
  appeared(): Promise<string[]>;
  /** Each screen that was not the conversation in order (indexes 0, 1, 2… with customer and trainee taking turns), as it was shown. */
  wrongScreens(): Promise<string[]>;
}

/** Starts watching the conversation on `page` (the chat must be shown). */
export async function watchTranscript(page: Page): Promise<TranscriptWatch> {
  await page.getByTestId('messages').waitFor();
  await inPage(
    page,
    `(() => {
      const appeared = [];
      const wrong = [];
      const look = () => {
        const shown = [...document.querySelectorAll('[data-testid=messages] .message:not(.message--streaming)')].map(
          (m) => Number(m.dataset.index) + ':' + (m.classList.contains('message--customer') ? 'customer' : 'trainee'),
        );
        for (const turn of shown) if (!appeared.includes(turn)) appeared.push(turn);
        const inOrder = shown.every((turn, i) => turn === i + ':' + (i % 2 === 0 ? 'customer' : 'trainee'));
        if (!inOrder) wrong.push(shown.join(' '));
      };
      look();
      new MutationObserver(look).observe(document.querySelector('[data-testid=messages]'), { childList: true, subtree: true });
      window.transcriptWatch = { appeared, wrong };
    })()`,
  );
  return {
    appeared: () => inPage<string[]>(page, '[...window.transcriptWatch.appeared]'),
    wrongScreens: () => inPage<string[]>(page, '[...window.transcriptWatch.wrong]'),
  };
}
