/**
 * Sessions started per user per minute (SPARRING_SESSION_STARTS): a start is counted before
 * it runs, so starts raced from several tabs cannot pass the limit together, and given back
 * when it was refused for another reason (no such persona, too many open sessions), since
 * no session began. Past the limit the ack is `rate_limited`, naming the wait.
 */
import type { TokenClaims } from '../auth/tokens.ts';
import type { RateLimit } from '../limits/limitStore.ts';
import type { ServerContext } from '../serverContext.ts';
import { fail } from '../sessions/ackErrors.ts';
import { isAckError } from '../sessions/loadSession.ts';
import type { Payload } from '../sessions/payloads.ts';
import type { SessionStartOk } from '../sessions/serverEvents.ts';
import { refuse, type Step } from '../sessions/step.ts';
import { START_WINDOW_SECONDS } from './socketLimits.ts';

type StartStep = (ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:start'>) => Promise<Step<SessionStartOk>>;

export function rateLimitedStart(starts: RateLimit, perMinute: number, start: StartStep): StartStep {
  return async (ctx, caller, payload) => {
    const taken = await starts.take(caller.userId);
    if (!taken.ok) {
      return refuse(fail('rate_limited', `at most ${perMinute} sessions started per ${START_WINDOW_SECONDS} seconds: try again in ${taken.retryAfterSeconds} s`));
    }
    const step = await start(ctx, caller, payload);
    if (isAckError(step.ack)) await starts.giveBack(caller.userId);
    return step;
  };
}
