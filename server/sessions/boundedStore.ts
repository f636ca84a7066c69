/**
 * The store as the socket handlers use it: every call either answers within a bounded time
 * or fails with `StoreUnavailable`, which the dispatcher answers `unavailable` ("try
 * again"). A storage backend that hangs (a stalled disk, a Redis that stopped answering)
 * never leaves a client waiting for an ack that does not come.
 *
 * A write that timed out may still complete later; that is why `trainee:say` takes an
 * `index`: the client's retry then finds the turn stored and gets the stored result.
 */
import type { SessionStore } from '../store/sessionStore.ts';
import { StoreUnavailable } from './ackErrors.ts';

export const DEFAULT_STORE_TIMEOUT_MS = 5000;

function bounded<T>(method: string, call: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailable(method, new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
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

export function boundStore(store: SessionStore, timeoutMs: number = DEFAULT_STORE_TIMEOUT_MS): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      const method = String(property);
      return (...args: unknown[]) => bounded(method, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), timeoutMs);
    },
  });
}
