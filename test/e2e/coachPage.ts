/**
 * The coach's screens as a test drives them, and the session a coach reviews: a trainee
 * plays one over socket.io (no browser needed for that side), then the coach signs in.
 * Selectors are the ones the client sets for this (`data-testid`, `data-index`, form names).
 */
import type { Page } from 'playwright-core';
import type { Locale } from '../../server/scoring/types.ts';
import { call } from '../support/socketClient.ts';
import type { TestServer, TestUser } from '../support/testServer.ts';
import { nextCustomerSay } from '../support/trainee.ts';

export interface PlayedSession {
  sessionId: string;
  /** Every turn's text in order, the customer's opening first. */
  texts: string[];
  outcome: string;
}

/**
 * The trainee says each reply in turn, waiting for the customer's answer, until the customer
 * ends the conversation or the replies run out; then the trainee ends it.
 */
export async function playSession(server: TestServer, trainee: TestUser, personaId: string, locale: Locale, replies: readonly string[]): Promise<PlayedSession> {
  const socket = await server.connect(trainee.token);
  try {
    const started = await call(socket, 'session:start', { personaId, locale });
    if (!started.ok) throw new Error(`session:start refused: ${JSON.stringify(started.error)}`);
    const { sessionId } = started;
    const texts = [started.opening.text];
    for (const reply of replies) {
      const answer = nextCustomerSay(socket, sessionId);
      const ack = await call(socket, 'trainee:say', { sessionId, text: reply });
      if (!ack.ok) throw new Error(`trainee:say refused: ${JSON.stringify(ack.error)}`);
      const said = await answer;
      texts.push(reply, said.text);
      if (said.outcome) return { sessionId, texts, outcome: said.outcome };
    }
    const ended = await call(socket, 'session:end', { sessionId });
    if (!ended.ok) throw new Error(`session:end refused: ${JSON.stringify(ended.error)}`);
    return { sessionId, texts, outcome: ended.outcome };
  } finally {
    socket.disconnect();
  }
}

/** Signs in on the login page and waits for the coach's home, the sessions table. */
export async function signInAsCoach(page: Page, url: string, coach: TestUser): Promise<void> {
  await page.goto(`${url}/coach`);
  await page.locator('input[name=username]').fill(coach.username);
  await page.locator('input[name=password]').fill(coach.password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('session-table').waitFor();
}

/** The replay's turn at a transcript index. */
export const replayTurn = (index: number) => `[data-testid=replay-turn][data-index="${index}"]`;

/** A criterion's line in the replay's score review. */
export const criterionLine = (criterion: string) => `[data-testid=criteria-review] [data-criterion="${criterion}"]`;

/** "Turn 3 of 9" → 3. */
export async function stepNumber(page: Page): Promise<number> {
  const text = (await page.getByTestId('step-position').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}
