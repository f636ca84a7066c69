/**
 * The sign-in check every socket event passes, not only the handshake: the token must still
 * verify (unexpired by the tokens' clock), its user exist and be active, its version be the
 * user's current one, and the token not be signed out. The role is read again each time
 * (socket.data.caller), so a role change counts at the next event.
 *
 * A sign-in that ended is answered `unauthorized`, told why (`account:signed-out`), and
 * the connection closed: the client shows "signed out". An account that must change its
 * password is answered `forbidden` and keeps its connection.
 */
import { identify } from '../auth/signedIn.ts';
import type { ServerContext } from '../serverContext.ts';
import { fail, type AckError } from '../sessions/ackErrors.ts';
import type { SignOutReason } from '../sessions/serverEvents.ts';
import type { ServerSocket } from './clientEvent.ts';

/** Why an event may not go on: its answer, and whether the sign-in has ended (then the socket is closed). */
export interface EventRefusal {
  answer: AckError;
  signedOut?: SignOutReason;
}

/** Null when the event may go on (socket.data.caller now as stored); else why not. */
export async function checkEventSignIn(socket: ServerSocket, ctx: Pick<ServerContext, 'tokens' | 'store'>): Promise<EventRefusal | null> {
  const identity = await identify(ctx, socket.data.token);
  if (!identity) {
    const reason = ctx.tokens.now() >= socket.data.expiresAt ? 'expired' : 'account_changed';
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
