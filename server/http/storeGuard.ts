/**
 * Tells a failing store apart from a bug. Every store call made by the HTTP routes goes
 * through this wrapper, which turns a rejection into `StoreUnavailable`; app.ts answers that
 * 503 `unavailable` ("try again"), and anything else 500 `internal`. Routes stay plain
 * `await ctx.store.…` code.
 */
import type { SessionStore } from '../store/sessionStore.ts';

export class StoreUnavailable extends Error {
  constructor(method: string, cause: unknown) {
    super(`store: ${method} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailable';
  }
}

export function guardStore(store: SessionStore): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const name = String(property);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          throw new StoreUnavailable(name, err);
        }
      };
    },
  });
}
