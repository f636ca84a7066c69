/**
 * A store as the HTTP routes and the socket handlers use it: a rejection becomes
 * `StoreUnavailable`, which they answer `unavailable` ("try again") and tell apart from a
 * bug; with a time limit, a backend that hangs (a stalled disk, a Redis that stopped
 * answering) fails the same way instead of leaving a client waiting. Callers stay plain
 * `await ctx.store.…` code.
 *
 * A write that timed out may still complete later; that is why `trainee:say` takes an
 * `index`: the client's retry then finds the turn stored and gets the stored result.
 */
import type { SessionStore } from './sessionStore.ts';

export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
  constructor(method: string, cause: unknown) {
    super(`store: ${method} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface GuardOptions {
  timeoutMs?: number;
  /** Told of every failure (a rejection or a timeout), by method: the metrics count them. */
  onError?: (method: string) => void;
}

function settle<T>(method: string, call: () => Promise<T>, options: GuardOptions): Promise<T> {
  const { timeoutMs } = options;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    // A call that answers after its timeout is not a second failure.
    const failed = (err: StoreUnavailable) => {
      if (settled) return;
      settled = true;
      options.onError?.(method);
      reject(err);
    };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => failed(new StoreUnavailable(method, new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        settled = true;
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        // Already counted by the guard below this one, when guards are stacked.
        if (err instanceof StoreUnavailable) {
          settled = true;
          reject(err);
        } else failed(new StoreUnavailable(method, err));
      },
    );
  });
}

/** Every call but `close` guarded; bounded in time when `timeoutMs` is given. */
export function guardStore(store: SessionStore, options: GuardOptions = {}): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      const method = String(property);
      return (...args: unknown[]) => settle(method, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), options);
    },
  });
}
