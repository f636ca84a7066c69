/**
 * Who is connecting: the socket.io handshake carries a token (`io(url, { auth: { token } })`),
 * or, from the web client, the HttpOnly sign-in cookie (server/http/authCookie.ts) that the
 * browser sends with the handshake. A missing, forged, expired or signed-out token, or one
 * of a user who no longer exists or was deactivated, is refused with `connect_error`
 * "unauthorized"; a store that cannot answer, with "unavailable".
 *
 * The token is kept with the connection: every later event checks it again
 * (socketServer.ts), so a role change counts at the next event and an expired or revoked
 * token stops working there.
 */
import type { Socket } from 'socket.io';
import { identifyVerified } from '../auth/signedIn.ts';
import type { TokenClaims, VerifiedToken } from '../auth/tokens.ts';
import { cookieValue, TOKEN_COOKIE } from '../http/authCookie.ts';
import type { ServerContext } from '../serverContext.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';

/** What a connection carries once the handshake has passed (socket.data). */
export interface SocketData {
  /** As of the last event: the role is re-read for each. */
  caller: TokenClaims;
  /**
   * The token it connected with, as verified then: its expiry and the store are checked again
   * for every event. Its id (`jti`) names the token's room, for logout.
   */
  verified: VerifiedToken;
}

// A JWT of ours is a few hundred characters: anything far longer is not one.
const MAX_TOKEN = 4096;

/** The handshake's token: `auth.token` when given (scripts), else the sign-in cookie (the web client). */
export function handshakeToken(socket: Pick<Socket, 'handshake'>): string | null {
  const given: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  const token = given === undefined ? cookieValue(socket.handshake.headers.cookie, TOKEN_COOKIE) : given;
  return typeof token === 'string' && token.length <= MAX_TOKEN ? token : null;
}

export function handshake(ctx: ServerContext) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const token = handshakeToken(socket);
      // The same rule as the HTTP API's: a valid token of an active user, not signed out.
      const verified = token === null ? null : await ctx.tokens.verify(token);
      const identity = verified === null ? null : await identifyVerified(ctx, verified);
      if (!identity || verified === null) return next(new Error('unauthorized'));
      const data: SocketData = { caller: identity.caller, verified };
      socket.data = data;
      next();
    } catch (err) {
      if (!(err instanceof StoreUnavailable)) ctx.log(`handshake: ${err instanceof Error ? err.message : String(err)}`);
      next(new Error(err instanceof StoreUnavailable ? 'unavailable' : 'internal'));
    }
  };
}
