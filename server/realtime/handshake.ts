/**
 * Who is connecting: the socket.io handshake carries a token (`io(url, { auth: { token } })`).
 * A missing, forged or expired token, or one of a user who no longer exists, is refused
 * with `connect_error` "unauthorized"; a store that cannot answer, with "unavailable". The
 * role is re-read from the store, so a changed role counts from the next connection.
 */
import type { Socket } from 'socket.io';
import type { TokenClaims } from '../auth/tokens.ts';
import { identify } from '../http/authenticate.ts';
import type { ServerContext } from '../serverContext.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';

/** What a connection carries once the handshake has passed (socket.data). */
export interface SocketData {
  caller: TokenClaims;
}

// A JWT of ours is a few hundred characters: anything far longer is not one.
const MAX_TOKEN = 4096;

export function handshake(ctx: ServerContext) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      // The same rule as the HTTP API's bearer tokens: a valid token of a user who still exists.
      const caller = typeof token === 'string' && token.length <= MAX_TOKEN ? await identify(ctx, token) : null;
      if (!caller) return next(new Error('unauthorized'));
      const data: SocketData = { caller };
      socket.data = data;
      next();
    } catch (err) {
      if (!(err instanceof StoreUnavailable)) ctx.log(`handshake: ${err instanceof Error ? err.message : String(err)}`);
      next(new Error(err instanceof StoreUnavailable ? 'unavailable' : 'internal'));
    }
  };
}
