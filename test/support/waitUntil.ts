/**
 * A bounded wait for a condition nothing announces (a client reconnecting to Redis by
 * itself): tries `attempt` again until it resolves, and after `timeoutMs` fails with the
 * last attempt's error. For anything that does announce itself (an ack, an event, a
 * promise), wait on that instead.
 */
import { setTimeout as pause } from 'node:timers/promises';

export async function waitUntil<T>(attempt: () => Promise<T>, { timeoutMs = 10_000, everyMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await pause(everyMs);
  }
}
