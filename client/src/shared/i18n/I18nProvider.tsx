/**
 * The interface language for the whole app: `useI18n()` gives the current locale, `t` to
 * translate a key, and `setLocale` (remembered). The page's `lang` follows, so the browser
 * picks Traditional or Simplified glyphs and the right fonts.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../contract.ts';
import { translate, translateOptional, type MessageKey, type Vars } from './messages.ts';
import { initialUiLocale, rememberUiLocale } from './uiLocale.ts';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  /** For keys built at run time; null when the catalogue has none. */
  tOptional(key: string, vars?: Vars): string | null;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialUiLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    rememberUiLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      tOptional: (key, vars) => translateOptional(locale, key, vars),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
