/**
 * How many socket connections each user has open, on every process together, to bound them
 * (SPARRING_SOCKETS_PER_USER). Each connection holds a lease on its place: taken at the
 * handshake, given back on disconnect, and renewed while it stays open. A lease that is not
 * renewed ends by itself, so the places held by a process that crashed, or by a handshake
 * whose connection never opened, come free within LEASE_MS instead of locking the user out.
 *
 * `memorySocketLeases` serves one process; `redisSocketLeases` (its own file) all of them.
 */

/** How long a place is held without renewal. */
export const LEASE_MS = 60_000;
/** How often each process renews the leases of its open connections: well inside the lease. */
export const RENEW_EVERY_MS = LEASE_MS / 3;

export interface SocketLeases {
  /** Takes a place for this connection unless the user already holds `max`; true when taken. */
  take(userId: string, socketId: string, max: number): Promise<boolean>;
  /** Holds a place whatever the count: a connection socket.io recovered, which skipped the handshake. */
  hold(userId: string, socketId: string): Promise<void>;
  release(userId: string, socketId: string): Promise<void>;
  /** Renews the leases of the connections still open on this process. */
  renew(open: ReadonlyArray<{ userId: string; socketId: string }>): Promise<void>;
}

export function memorySocketLeases(now: () => number = Date.now): SocketLeases {
  const byUser = new Map<string, Map<string, number>>();

  const live = (userId: string): Map<string, number> => {
    const leases = byUser.get(userId) ?? new Map<string, number>();
    const t = now();
    for (const [socketId, endsAt] of leases) if (endsAt <= t) leases.delete(socketId);
    byUser.set(userId, leases);
    return leases;
  };
  const forget = (userId: string, leases: Map<string, number>): void => {
    if (leases.size === 0) byUser.delete(userId);
  };

  return {
    async take(userId, socketId, max) {
      const leases = live(userId);
      if (leases.size >= max && !leases.has(socketId)) {
        forget(userId, leases);
        return false;
      }
      leases.set(socketId, now() + LEASE_MS);
      return true;
    },
    async hold(userId, socketId) {
      live(userId).set(socketId, now() + LEASE_MS);
    },
    async release(userId, socketId) {
      const leases = live(userId);
      leases.delete(socketId);
      forget(userId, leases);
    },
    async renew(open) {
      // An open connection holds its place even if a late renewal let the lease run out.
      for (const { userId, socketId } of open) live(userId).set(socketId, now() + LEASE_MS);
      // Users whose every lease ran out are dropped here, so the map does not grow with them.
      for (const [userId] of byUser) forget(userId, live(userId));
    },
  };
}
