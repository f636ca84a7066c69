/**
 * Like the shared useApiData, with a `reload` that fetches again while the page keeps
 * showing what it has: after a comment or an override is saved, the replay updates in
 * place instead of flashing back to "loading" and losing the reader's place.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import type { Loaded } from '../shared/useApiData.ts';

export function useReloadableData<T>(load: (token: string) => Promise<T>, deps: readonly unknown[]): { loaded: Loaded<T>; reload: () => void } {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!token) return;
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
    // The caller names what the load depends on, like useEffect's own list.
  }, [token, generation, ...deps]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { loaded, reload };
}
