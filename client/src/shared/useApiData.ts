/**
 * Loads something from the API for a page: `{ data }` once it came, `{ error }` if it did not.
 * A 401 means the sign-in ran out: it signs out, and the login page shows.
 */
import { useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import { useAuth } from './auth.tsx';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: { code: string; message: string } };

export function useApiData<T>(load: ((token: string) => Promise<T>) | null, deps: readonly unknown[]): Loaded<T> {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    if (!token || !load) return;
    let current = true;
    setLoaded({ status: 'loading' });
    load(token).then(
      (data) => current && setLoaded({ status: 'ready', data }),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) return signOut();
        const error = err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) };
        setLoaded({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on, like useEffect's own list.
  }, [token, ...deps]);
  return loaded;
}
