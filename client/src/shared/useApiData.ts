/**
 * Loads something from the API for a page: `{ data }` once it came, `{ error }` if it did not.
 * A 401 means the sign-in ran out: it signs out, and the login page shows.
 *
 * `useReloadableApiData` adds `reload`, which fetches again while the page keeps showing
 * what it has: after a comment or an override is saved, a replay updates in place instead of
 * flashing back to "loading" and losing the reader's place. A change of what is loaded (the
 * `deps`) still starts from "loading", so one session's data never shows under another's.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import { useAuth } from './auth.tsx';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: { code: string; message: string } };

export function useReloadableApiData<T>(load: ((token: string) => Promise<T>) | null, deps: readonly unknown[]): { loaded: Loaded<T>; reload: () => void } {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // The caller names what the load depends on, like useEffect's own list.
  useEffect(() => setLoaded({ status: 'loading' }), [token, ...deps]);

  useEffect(() => {
    if (!token || !load) return;
    let current = true;
    load(token).then(
      (data) => current && setLoaded({ status: 'ready', data }),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) return signOut();
        const error = err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) };
        // A failed reload keeps what is on screen.
        setLoaded((before) => (before.status === 'ready' ? before : { status: 'failed', error }));
      },
    );
    return () => {
      current = false;
    };
  }, [token, generation, ...deps]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { loaded, reload };
}

export function useApiData<T>(load: ((token: string) => Promise<T>) | null, deps: readonly unknown[]): Loaded<T> {
  return useReloadableApiData(load, deps).loaded;
}
