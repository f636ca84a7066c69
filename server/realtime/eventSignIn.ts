/**
 * The sign-in check every socket event passes, not only the handshake: the token (its
 * signature verified once, at the handshake) must be unexpired by the tokens' clock, its user
 * exist and be active, its version be the user's current one, and the token not be signed out. The role is read again each time
 * (socket.data.caller), so a role change counts at the next event.
 *
 * A sign-in that ended is answered `unauthorized`, told why (`account:signed-out`), and
 * the connection closed: the client shows "signed out". An account that must change its
 * password is answered `forbidden` and keeps its connection.
 */
import { identifyVerified } from '../auth/signedIn.ts';
import type { ServerContext } from '../serverContext.ts';
import { fail, STORE_UNAVAILABLE_MESSAGE, type AckError } from '../sessions/ackErrors.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';
import type { SignOutReason } from '../sessions/serverEvents.ts';
import type { ServerSocket } from './clientEvent.ts';

/** Why an event may not go on: its answer, and whether the sign-in has ended (then the socket is closed). */
export interface EventRefusal {
  answer: AckError;
  signedOut?: SignOutReason;
}

/** Null when the event may go on (socket.data.caller now as stored); else why not. */
export async function checkEventSignIn(socket: ServerSocket, ctx: Pick<ServerContext, 'tokens' | 'store'>): Promise<EventRefusal | null> {
  const identity = await identifyVerified(ctx, socket.data.verified);
  if (!identity) {
    const reason = ctx.tokens.now() >= socket.data.verified.expiresAt ? 'expired' : 'account_changed';
    const message = reason === 'expired' ? 'your sign-in has expired: sign in again' : 'you have been signed out: sign in again';
    return { answer: fail('unauthorized', message), signedOut: reason };
  }
  socket.data.caller = identity.caller;
  if (identity.mustChangePassword) return { answer: fail('forbidden', 'change your password first') };
  return null;
}

/** Tells the client why, then closes its connection (after the event's answer has gone out). */
export function closeSignedOut(socket: ServerSocket, reason: SignOutReason): void {
  socket.emit('account:signed-out', { reason });
  socket.disconnect();
}

/**
 * The check as socket.use runs it, for one connection: `next()` when the event may go on,
 * else its answer (and the close, when the sign-in ended). One check after another, so the
 * events reach their handlers in the order they came. A store that does not answer leaves
 * the sign-in unknown: `unavailable`, try again.
 */
export function eventSignInGate(socket: ServerSocket, ctx: Pick<ServerContext, 'tokens' | 'store' | 'log'>) {
  let checks: Promise<void> = Promise.resolve();
  return (event: string, ack: ((answer: unknown) => void) | null, next: () => void): void => {
    checks = checks.then(() =>
      checkEventSignIn(socket, ctx).then(
        (refused) => {
          if (!refused) return next();
          ack?.(refused.answer);
          if (refused.signedOut) closeSignedOut(socket, refused.signedOut);
        },
        (err: unknown) => {
          ctx.log(`${event}: sign-in check: ${err instanceof Error ? err.message : String(err)}`);
          ack?.(err instanceof StoreUnavailable ? fail('unavailable', STORE_UNAVAILABLE_MESSAGE) : fail('internal', 'the server failed to handle this event'));
        },
      ),
    );
  };
}
