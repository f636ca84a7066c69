/**
 * Open connections per user (SPARRING_SOCKETS_PER_USER), on every process together: a
 * handshake past the limit is refused with `connect_error` "too_many_connections" (its
 * `data.message` says what to do), a disconnect gives the place back, and each process
 * renews the leases of its open connections (server/limits/socketLeases.ts) so the places
 * of a crashed process come free by themselves.
 *
 * Runs after the token check (handshake.ts): the user is known. The refusal is logged with
 * the client's address as TRUST_PROXY defines it, the same one a login from there gets.
 */
import type { Socket } from 'socket.io';
import type { SocketLeases } from '../limits/socketLeases.ts';
import { RENEW_EVERY_MS } from '../limits/socketLeases.ts';
import { clientAddress, type TrustFunction } from '../limits/trustProxy.ts';
import type { SocketData } from './handshake.ts';

export const TOO_MANY_CONNECTIONS = 'too_many_connections';

interface QuotaOptions {
  leases: SocketLeases;
  max: number;
  trust: TrustFunction;
  log: (line: string) => void;
}

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function socketQuota({ leases, max, trust, log }: QuotaOptions) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const { caller } = socket.data as SocketData;
    try {
      if (await leases.take(caller.userId, socket.id, max)) return next();
    } catch (err) {
      // Better an unbounded user for a while than nobody able to connect while Redis is away.
      log(`connections of user ${JSON.stringify(caller.username)} not counted: ${reason(err)}`);
      return next();
    }
    log(`connection refused: user ${JSON.stringify(caller.username)} from ${clientAddress(socket.request, trust)}: at the limit of ${max} open connections`);
    const refused = new Error(TOO_MANY_CONNECTIONS) as Error & { data: { message: string } };
    refused.data = { message: `at most ${max} connections per user: close another tab or window, then reconnect` };
    next(refused);
  };
}

/** Gives the place back when the connection closes (and holds one for a connection recovered without a handshake). */
export function trackConnection(socket: Socket, leases: SocketLeases, log: (line: string) => void): void {
  const { caller } = socket.data as SocketData;
  const warn = (err: unknown) => log(`connection count of user ${JSON.stringify(caller.username)}: ${reason(err)}`);
  if (socket.recovered) leases.hold(caller.userId, socket.id).catch(warn);
  socket.once('disconnect', () => void leases.release(caller.userId, socket.id).catch(warn));
}

/** Renews this process's leases until stopped; the timer never keeps the process alive. */
export function renewLeases(openSockets: () => Iterable<Socket>, leases: SocketLeases, log: (line: string) => void): () => void {
  const timer = setInterval(() => {
    const open = [...openSockets()].map((s) => ({ userId: (s.data as SocketData).caller.userId, socketId: s.id }));
    leases.renew(open).catch((err: unknown) => log(`connection leases not renewed: ${reason(err)}`));
  }, RENEW_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
