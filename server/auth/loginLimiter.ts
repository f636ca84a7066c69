/**
 * Slows password guessing without letting anyone lock a user out (OWASP's "login endpoint
 * protection", built on rate-limiter-flexible):
 *
 *   - by username and address together: the first `freeFailures` failures in a row cost
 *     nothing; after that each attempt opens a wait before the next one from that address
 *     for that username: 1 s, 2 s, 4 s… up to `maxDelaySeconds`. A stranger guessing from
 *     elsewhere slows only themselves: the user, from their own address, is not held up.
 *     A success clears the pair; failures in a row are remembered for a day.
 *   - by address alone, a wider net against one address trying many usernames:
 *     `addressFailuresPerHour` failures an hour, then refused until the hour is over.
 *
 * A refused attempt is answered 429 with Retry-After and its password is never checked. An
 * attempt counts from the moment it starts, so parallel guesses cannot all slip in while the
 * slow password check runs: each one past the free failures must pass the wait, and only
 * one does. Every failure and every refusal is logged, never with the password.
 *
 * Counts live where the other limits do (server/limits/limitStore.ts): in Redis when
 * REDIS_URL is set, so every process counts together.
 */
import type { Config } from '../config.ts';
import { rateLimit, type LimitStore } from '../limits/limitStore.ts';

export interface LoginLimiterOptions {
  /** Failed attempts in a row, for one username from one address, before waits begin. */
  freeFailures: number;
  /** Failed attempts per client address per hour, whatever the usernames. */
  addressFailuresPerHour: number;
  /** The first wait; each later one doubles it. */
  firstDelaySeconds?: number;
  /** The longest wait. */
  maxDelaySeconds?: number;
  log: (line: string) => void;
}

export const LOGIN_DELAY_DEFAULTS = { firstDelaySeconds: 1, maxDelaySeconds: 15 * 60 } as const;

/** How long failures in a row are remembered for one username and address. */
const FAILURES_KEPT_SECONDS = 24 * 60 * 60;
const HOUR_SECONDS = 60 * 60;

export type LoginAttempt =
  | {
      ok: true;
      /** The password matched: the pair's failures are cleared and the address gets its attempt back. */
      succeeded(): Promise<void>;
      /** The attempt failed; `reason` goes to the log (never the password). */
      failed(reason: string): Promise<void>;
      /** The check itself could not run (the store failed): the attempt is taken back, nothing cleared. */
      cancelled(): Promise<void>;
    }
  | { ok: false; retryAfterSeconds: number };

export interface LoginLimiter {
  /** Call before checking a password; a refused attempt must not check it. */
  begin(username: string, address: string): Promise<LoginAttempt>;
}

/** The wait after the `k`-th attempt beyond the free ones (k ≥ 1): first, doubled each time, capped. */
export function loginDelaySeconds(k: number, first: number = LOGIN_DELAY_DEFAULTS.firstDelaySeconds, max: number = LOGIN_DELAY_DEFAULTS.maxDelaySeconds): number {
  // Capped before doubling too far: 2 ** 1000 is no number to wait.
  return Math.min(max, first * 2 ** Math.min(k - 1, 30));
}

export function createLoginLimiter(store: LimitStore, options: LoginLimiterOptions): LoginLimiter {
  const { freeFailures, addressFailuresPerHour, log } = options;
  const first = options.firstDelaySeconds ?? LOGIN_DELAY_DEFAULTS.firstDelaySeconds;
  const max = options.maxDelaySeconds ?? LOGIN_DELAY_DEFAULTS.maxDelaySeconds;
  // Every attempt is counted here, so "failures in a row" never refuses by itself: the wait does.
  const pairFailures = rateLimit(store, { name: 'login-failures', points: Number.MAX_SAFE_INTEGER, durationSeconds: FAILURES_KEPT_SECONDS });
  // One attempt per wait: the first to take it passes, the rest are refused until it ends.
  const pairWait = rateLimit(store, { name: 'login-wait', points: 1, durationSeconds: first });
  const addressFailures = rateLimit(store, { name: 'login-address', points: addressFailuresPerHour, durationSeconds: HOUR_SECONDS });

  const who = (username: string, address: string): string => `user ${JSON.stringify(username)} from ${address}`;
  const refuse = (username: string, address: string, retryAfterSeconds: number): LoginAttempt => {
    log(`login refused: ${who(username, address)}: too many failed attempts, retry in ${retryAfterSeconds} s`);
    return { ok: false, retryAfterSeconds };
  };

  return {
    async begin(username, address) {
      const pair = JSON.stringify([username, address]);
      const byAddress = await addressFailures.take(address);
      if (!byAddress.ok) return refuse(username, address, byAddress.retryAfterSeconds);
      const taken = await pairFailures.take(pair);
      const inARow = taken.ok ? taken.count : Number.MAX_SAFE_INTEGER;
      if (inARow > freeFailures) {
        const wait = await pairWait.take(pair, 1, loginDelaySeconds(inARow - freeFailures, first, max));
        if (!wait.ok) {
          // Not checked, so not held against either count.
          await Promise.all([pairFailures.giveBack(pair), addressFailures.giveBack(address)]);
          return refuse(username, address, wait.retryAfterSeconds);
        }
      }
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        return true;
      };
      return {
        ok: true,
        async succeeded() {
          if (!settle()) return;
          await Promise.all([pairFailures.clear(pair), pairWait.clear(pair), addressFailures.giveBack(address)]);
        },
        async failed(reason) {
          if (!settle()) return;
          log(`login failed: ${who(username, address)}: ${reason} (${inARow} in a row)`);
        },
        async cancelled() {
          if (!settle()) return;
          await Promise.all([pairFailures.giveBack(pair), addressFailures.giveBack(address)]);
        },
      };
    },
  };
}

/** The limiter the server runs with: the configured limits (SPARRING_LOGIN_*), the default waits. */
export function configuredLoginLimiter(store: LimitStore, limits: Config['limits'], log: (line: string) => void): LoginLimiter {
  return createLoginLimiter(store, { freeFailures: limits.loginFreeFailures, addressFailuresPerHour: limits.loginAddressFailuresPerHour, log });
}
