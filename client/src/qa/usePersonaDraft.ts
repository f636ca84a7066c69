/**
 * A persona being edited: the text in the editor, the version it was edited from, the
 * version history, and the save (`PUT` with `baseVersion`, so a save over someone else's
 * newer version is refused with a 409 instead of losing their work). A new persona starts
 * empty from version 0.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import type { Locale, PersonaProblem, PersonaSource, PersonaVersionInfo } from '../shared/contract.ts';
import { personaFiles, problemsOf } from './personaFilesApi.ts';

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; version: number }
  /** The server found problems (400): nothing was saved. */
  | { status: 'refused'; problems: PersonaProblem[]; message: string }
  /** Someone saved a newer version meanwhile (409): nothing was saved. */
  | { status: 'conflict' }
  | { status: 'failed'; error: { code: string; message: string } };

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: { code: string; message: string } };

export interface PersonaDraft {
  load: LoadState;
  text: string;
  setText(text: string): void;
  /** The text as last loaded or saved: what "unchanged" compares with. */
  savedText: string;
  baseVersion: number;
  versions: PersonaVersionInfo[];
  saveState: SaveState;
  save(id: string, locale: Locale): Promise<boolean>;
  /** Loads the latest saved version, dropping the edits. */
  reload(): void;
}

function errorOf(err: unknown): { code: string; message: string } {
  return err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) };
}

export function usePersonaDraft(target: { id: string; locale: Locale } | null): PersonaDraft {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [load, setLoad] = useState<LoadState>(target ? { status: 'loading' } : { status: 'ready' });
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [baseVersion, setBaseVersion] = useState(0);
  const [versions, setVersions] = useState<PersonaVersionInfo[]>([]);
  const [saveState, setSaveState] = useState<SaveState>({ status: 'idle' });
  const [loads, setLoads] = useState(0);
  const id = target?.id ?? null;
  const locale = target?.locale ?? null;

  const apply = useCallback((source: PersonaSource) => {
    setText(source.text);
    setSavedText(source.text);
    setBaseVersion(source.version);
    setVersions(source.versions);
  }, []);

  useEffect(() => {
    if (!token || !id || !locale) return;
    let current = true;
    personaFiles.source(token, id, locale).then(
      (source) => {
        if (!current) return;
        apply(source);
        setLoad({ status: 'ready' });
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) return signOut();
        setLoad({ status: 'failed', error: errorOf(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [token, id, locale, loads, apply, signOut]);

  const save = useCallback(
    async (saveId: string, saveLocale: Locale): Promise<boolean> => {
      if (!token) return false;
      setSaveState({ status: 'saving' });
      try {
        const saved = await personaFiles.save(token, saveId, saveLocale, text, baseVersion);
        setSaveState({ status: 'saved', version: saved.version });
        // The stored text (its `version:` set by the server) and the history, fresh.
        if (id) apply(await personaFiles.source(token, saveId, saveLocale));
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) signOut();
        else if (err instanceof ApiError && err.status === 409) setSaveState({ status: 'conflict' });
        else if (err instanceof ApiError && err.status === 400) setSaveState({ status: 'refused', problems: problemsOf(err) ?? [], message: err.message });
        else setSaveState({ status: 'failed', error: errorOf(err) });
        return false;
      }
    },
    [token, text, baseVersion, id, apply, signOut],
  );

  const reload = useCallback(() => {
    setSaveState({ status: 'idle' });
    setLoad({ status: 'loading' });
    setLoads((n) => n + 1);
  }, []);

  const edit = useCallback((next: string) => {
    setText(next);
    // Problems a refused save named are about the text as it was.
    setSaveState((s) => (s.status === 'refused' || s.status === 'saved' ? { status: 'idle' } : s));
  }, []);

  return { load, text, setText: edit, savedText, baseVersion, versions, saveState, save, reload };
}
