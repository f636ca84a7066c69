/**
 * The event rate limit, per user (ctx.config.limits.eventsPer10s): every incoming event of
 * every connection of the user counts, unknown and malformed ones included, in one fixed
 * window of 10 seconds. Past it the event runs nothing and is answered `rate_limited` with
 * the wait: through its ack, or with `request:rejected` on its connection when it has none.
 */
import type { RateLimit } from '../limits/limitStore.ts';
import { fail } from '../sessions/ackErrors.ts';
import { ackOf, rejectUnanswerable, type ServerSocket } from './clientEvent.ts';
import { EVENT_WINDOW_SECONDS } from './socketLimits.ts';

type EventMiddleware = (packet: unknown[], next: (err?: Error) => void) => void;

export function userEventRate(socket: ServerSocket, events: RateLimit, perWindow: number, log: (line: string) => void): EventMiddleware {
  const { userId } = socket.data.caller;
  return ([event, ...args], next) => {
    events.take(userId).then(
      (taken) => {
        if (taken.ok) return next();
        const refused = fail('rate_limited', `at most ${perWindow} events per ${EVENT_WINDOW_SECONDS} seconds from one user: wait ${taken.retryAfterSeconds} s`);
        const ack = ackOf(args);
        return ack ? ack(refused) : rejectUnanswerable(socket, String(event), refused);
      },
      (err: unknown) => {
        // The counts could not be read (the limits' store failed with no fallback): the event is not the user's fault.
        log(`event rate not checked: ${err instanceof Error ? err.message : String(err)}`);
        next();
      },
    );
  };
}
