/**
 * Slows password guessing: failed logins are counted per username and per client address
 * in a fixed window; past the limit, attempts are refused (429 `too_many_attempts`, with
 * Retry-After) until that window has passed, without checking the password at all.
 *
 * An attempt counts from the moment it starts, so a burst of parallel guesses cannot all
 * slip in while the slow password check runs; a success takes it back and clears the
 * username's count. Every failure and every refusal is logged, never with the password.
 *
 * Counts live in this process's memory: with several server processes each keeps its own,
 * which multiplies the limit by their number but still bounds it. The per-address limit is
 * higher than the per-username one because many people may share one address (an office
 * behind one gateway); the per-username limit can lock a user out for one window, the
 * price of stopping a guesser who changes address.
 */

export interface LoginLimiterOptions {
  /** Failed attempts allowed per username in a window. */
  perUsername: number;
  /** Failed attempts allowed per client address in a window. */
  perAddress: number;
  windowMs: number;
  log: (line: string) => void;
  /** The clock, for tests. */
  now: () => number;
}

export const LOGIN_LIMIT_DEFAULTS = { perUsername: 5, perAddress: 30, windowMs: 15 * 60_000 } as const;

export type LoginAttempt =
  | {
      ok: true;
      /** The password matched: the attempt is taken back and the username's count cleared. */
      succeeded(): void;
      /** The attempt failed; `reason` goes to the log (never the password). */
      failed(reason: string): void;
      /** The check itself could not run (the store failed): the attempt is taken back, nothing cleared. */
      cancelled(): void;
    }
  | { ok: false; retryAfterSeconds: number };

export interface LoginLimiter {
  /** Call before checking a password; a refused attempt must not check it. */
  begin(username: string, address: string): LoginAttempt;
}

interface Window {
  count: number;
  endsAt: number;
}

export function createLoginLimiter(options: Partial<LoginLimiterOptions> & Pick<LoginLimiterOptions, 'log'>): LoginLimiter {
  const { perUsername, perAddress, windowMs } = { ...LOGIN_LIMIT_DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  const log = options.log;
  const windows = new Map<string, Window>();
  let nextSweep = now() + windowMs;

  // Expired windows are dropped once per window length, so usernames tried once do not pile up.
  function sweep(t: number): void {
    if (t < nextSweep) return;
    for (const [key, w] of windows) if (w.endsAt <= t) windows.delete(key);
    nextSweep = t + windowMs;
  }

  function current(key: string, t: number): Window | undefined {
    const w = windows.get(key);
    if (w && w.endsAt <= t) {
      windows.delete(key);
      return undefined;
    }
    return w;
  }

  function count(key: string, t: number): Window {
    const w = current(key, t) ?? { count: 0, endsAt: t + windowMs };
    w.count += 1;
    windows.set(key, w);
    return w;
  }

  // Takes one attempt back, unless its window has since been replaced by a new one.
  function uncount(key: string, w: Window): void {
    if (windows.get(key) === w && w.count > 0) w.count -= 1;
  }

  const who = (username: string, address: string): string => `user ${JSON.stringify(username)} from ${address}`;

  return {
    begin(username, address) {
      const t = now();
      sweep(t);
      const userKey = `u:${username}`;
      const addressKey = `a:${address}`;
      const full = [
        [current(userKey, t), perUsername],
        [current(addressKey, t), perAddress],
      ] as const;
      const blocking = full.filter(([w, limit]) => w !== undefined && w.count >= limit).map(([w]) => w!.endsAt);
      if (blocking.length > 0) {
        const retryAfterSeconds = Math.max(1, Math.ceil((Math.max(...blocking) - t) / 1000));
        log(`login refused: ${who(username, address)}: too many failed attempts, retry in ${retryAfterSeconds} s`);
        return { ok: false, retryAfterSeconds };
      }
      const userWindow = count(userKey, t);
      const addressWindow = count(addressKey, t);
      let settled = false;
      return {
        ok: true,
        succeeded() {
          if (settled) return;
          settled = true;
          if (windows.get(userKey) === userWindow) windows.delete(userKey);
          uncount(addressKey, addressWindow);
        },
        failed(reason) {
          if (settled) return;
          settled = true;
          log(`login failed: ${who(username, address)}: ${reason} (${userWindow.count} of ${perUsername} for this user)`);
        },
        cancelled() {
          if (settled) return;
          settled = true;
          uncount(userKey, userWindow);
          uncount(addressKey, addressWindow);
        },
      };
    },
  };
}
