/**
 * A form's send: busy while the request runs, and the server's error (or a check's) to show
 * beside the form. A 401 signs out, as everywhere.
 */
import { useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';

export interface Submit {
  busy: boolean;
  error: { code: string; message: string } | null;
  setError(error: { code: string; message: string } | null): void;
  /** Runs `work` with the token; true when it succeeded. */
  run(work: (token: string) => Promise<unknown>): Promise<boolean>;
}

export function useSubmit(): Submit {
  const { signedIn, signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Submit['error']>(null);
  async function run(work: (token: string) => Promise<unknown>): Promise<boolean> {
    if (!signedIn) return false;
    setBusy(true);
    setError(null);
    try {
      await work(signedIn.token);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) signOut();
      else setError(err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
