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

function settle<T>(method: string, call: () => Promise<T>, timeoutMs: number | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => reject(new StoreUnavailable(method, new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof StoreUnavailable ? err : new StoreUnavailable(method, err));
      },
    );
  });
}

/** Every call but `close` guarded; bounded in time when `timeoutMs` is given. */
export function guardStore(store: SessionStore, options: { timeoutMs?: number } = {}): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      const method = String(property);
      return (...args: unknown[]) => settle(method, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), options.timeoutMs);
    },
  });
}
