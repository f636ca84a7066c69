/**
 * Where a new persona starts when it is made from an existing one: the existing persona's
 * latest text, either as a copy (a new id, `<id>-copy`) or as the same persona in another
 * language (the same id, the new locale, to be translated beside the original). Neither
 * copy starts retired. The change goes through personaYaml.ts, so comments stay.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import type { Locale } from '../shared/contract.ts';
import { withValue } from './form/personaYaml.ts';
import { personaFiles } from './personaFilesApi.ts';

export interface StartingFrom {
  personaId: string;
  locale: Locale;
  to?: Locale;
}

export type StartingText = { status: 'none' } | { status: 'loading' } | { status: 'ready'; original: string; text: string } | { status: 'failed'; error: { code: string; message: string } };

/** The text a copy of `original` starts with. */
export function startingText(original: string, from: StartingFrom): string {
  const moved = from.to ? withValue(original, ['locale'], from.to) : withValue(original, ['id'], `${from.personaId}-copy`);
  return withValue(moved ?? original, ['retired'], undefined) ?? moved ?? original;
}

export function useStartingText(from: StartingFrom | null): StartingText {
  const { signedIn, signOut } = useAuth();
  const token = signedIn?.token ?? null;
  const [state, setState] = useState<StartingText>(from ? { status: 'loading' } : { status: 'none' });
  const id = from?.personaId ?? null;
  const locale = from?.locale ?? null;
  const to = from?.to ?? null;

  useEffect(() => {
    if (!token || !id || !locale) return;
    let current = true;
    personaFiles.source(token, id, locale).then(
      (source) => current && setState({ status: 'ready', original: source.text, text: startingText(source.text, { personaId: id, locale, ...(to ? { to } : {}) }) }),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) return signOut();
        setState({ status: 'failed', error: err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) } });
      },
    );
    return () => {
      current = false;
    };
  }, [token, id, locale, to, signOut]);

  return state;
}
