/**
 * The interface language for the whole app: `useI18n()` gives the current interface locale,
 * `t` to translate a key, and `setLocale` (remembered). The page's `lang` follows, so the
 * browser picks Traditional or Simplified glyphs and the right fonts. What a conversation is
 * in (a persona's, a transcript's language) is a `Locale`, never this.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appMessages } from './appMessages.ts';
import type { UiLocale } from './interfaceLanguages.ts';
import type { MessageKey, VarsFor } from './messageKeys.ts';
import { initialUiLocale, rememberUiLocale } from './uiLocale.ts';

export interface I18n {
  locale: UiLocale;
  setLocale(locale: UiLocale): void;
  /** The message in the interface language; the key itself when its area is not loaded (a bug, shown rather than thrown). */
  t<K extends MessageKey>(key: K, ...vars: VarsFor<K>): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(initialUiLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: UiLocale) => {
    rememberUiLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, ...[vars]) => appMessages.text(locale, key, vars) ?? key,
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
