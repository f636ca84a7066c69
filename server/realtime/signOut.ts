/**
 * Closing the connections of a sign-in that ended, at once and on every server process:
 * each connection joins its user's room and its token's room (socketServer.ts), and
 * `io.in(room).disconnectSockets()` reaches the sockets in that room through the adapter
 * (the Redis streams adapter when several processes serve). Each is told why first
 * (`account:signed-out`), so the client shows "signed out" rather than "connection lost".
 *
 * The HTTP routes that end a sign-in (logout, password change, an admin's account change)
 * are built before socket.io is attached: they hold this relay, and attachSocketServer
 * connects it. Without sockets (HTTP-only tests) it does nothing; every socket event checks
 * the token again anyway (socketServer.ts), so a missed close is caught at the next event.
 */
import type { Server } from 'socket.io';
import type { SignOutReason } from '../sessions/serverEvents.ts';

export const userRoom = (userId: string): string => `user:${userId}`;
export const tokenRoom = (jti: string): string => `token:${jti}`;

export interface SignOutRelay {
  /** Every connection of this user, on every process. */
  user(userId: string, reason: SignOutReason): void;
  /** Every connection opened with this token. */
  token(jti: string, reason: SignOutReason): void;
  /** Called by attachSocketServer with its server. */
  attach(io: Server): void;
}

export function signOutRelay(): SignOutRelay {
  let server: Server | null = null;
  const close = (room: string, reason: SignOutReason): void => {
    if (!server) return;
    server.to(room).emit('account:signed-out', { reason });
    // `false`: the client is told the server closed it and does not reconnect by itself.
    server.in(room).disconnectSockets(false);
  };
  return {
    user: (userId, reason) => close(userRoom(userId), reason),
    token: (jti, reason) => close(tokenRoom(jti), reason),
    attach(io) {
      server = io;
    },
  };
}
