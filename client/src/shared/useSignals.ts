/**
 * The rubric's signals for the signed-in user: `GET /api/signals` is asked once per sign-in
 * (per sign-in, started by App.tsx as soon as the user is signed in) and kept for the page's
 * life; `useSignals()` gives their labels in the interface language and their tones
 * (signals.ts). Until the answer is in, a component that asks suspends (the area's Suspense
 * shows "Loading…"), so evidence never shows in the wrong colour first. A failed load
 * leaves readable ids and neutral tones; a 401 signs out.
 */
import { use, useMemo } from 'react';
import { api, ApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import type { SignalCatalog } from './contract.ts';
import { useI18n } from './i18n/I18nProvider.tsx';
import { signalNames, type SignalNames } from './signals.ts';

interface Loading {
  token: string;
  promise: Promise<SignalCatalog | null>;
  /** Set once the answer is in, so later renders need not wait for the promise. */
  settled?: { catalog: SignalCatalog | null };
}

// One sign-in at a time: a new sign-in replaces the last one's catalogue.
let current: Loading | null = null;

/** Starts the load at sign-in (App.tsx), so the first page that shows a signal finds it there. */
export function preloadSignals(token: string, onUnauthorized: () => void): Loading {
  if (current?.token === token) return current;
  const loading: Loading = {
    token,
    promise: api.signals(token).then(
      (catalog) => catalog,
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) onUnauthorized();
        return null;
      },
    ),
  };
  void loading.promise.then((catalog) => {
    loading.settled = { catalog };
  });
  current = loading;
  return loading;
}

export function useSignals(): SignalNames {
  const { signedIn, signOut } = useAuth();
  const { locale } = useI18n();
  const loading = signedIn ? preloadSignals(signedIn.token, signOut) : null;
  const catalog = loading ? (loading.settled?.catalog ?? use(loading.promise)) : null;
  return useMemo(() => signalNames(catalog, locale), [catalog, locale]);
}
