/**
 * Checks persona text with the server (`POST /api/persona-files/check`) as it is written:
 * once the typing has paused for 400 ms, and only the answer for the latest text counts.
 * `checkedText` says which text the result is for, so a page can tell a result that no
 * longer matches what is in the editor.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import type { PersonaCheck } from '../shared/contract.ts';
import { personaFiles } from './personaFilesApi.ts';

const PAUSE_MS = 400;

export interface CheckState {
  result: PersonaCheck | null;
  /** The text `result` is for. */
  checkedText: string | null;
  error: { code: string; message: string } | null;
}

export function usePersonaCheck(text: string): CheckState & { current: boolean } {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [state, setState] = useState<CheckState>({ result: null, checkedText: null, error: null });

  useEffect(() => {
    if (!token || !text.trim()) return;
    let latest = true;
    const timer = setTimeout(() => {
      personaFiles.check(token, text).then(
        (result) => latest && setState({ result, checkedText: text, error: null }),
        (err: unknown) => {
          if (!latest) return;
          if (err instanceof ApiError && err.status === 401) return signOut();
          const error = err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) };
          setState({ result: null, checkedText: text, error });
        },
      );
    }, PAUSE_MS);
    return () => {
      latest = false;
      clearTimeout(timer);
    };
  }, [token, text, signOut]);

  return { ...state, current: state.checkedText === text };
}
