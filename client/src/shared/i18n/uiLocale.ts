/**
 * Which language the interface speaks: the user's choice, remembered in localStorage; before
 * any choice, the browser's preferred languages (zh-TW, zh-HK and zh-Hant → 繁體中文, other
 * Chinese → 简体中文, anything else → English).
 */
import { LOCALES, type Locale } from '../contract.ts';

export const UI_LOCALE_KEY = 'sparring.uiLocale';

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

export function localeFromBrowser(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('zh')) {
      if (lower.startsWith('en')) return 'en';
      continue;
    }
    return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  return 'en';
}

export function storedUiLocale(): Locale | null {
  try {
    const value = localStorage.getItem(UI_LOCALE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be off (private mode, a policy): the browser's languages will do.
    return null;
  }
}

export function rememberUiLocale(locale: Locale): void {
  try {
    localStorage.setItem(UI_LOCALE_KEY, locale);
  } catch {
    // Not remembered, but the choice still holds for this page.
  }
}

export function initialUiLocale(): Locale {
  return storedUiLocale() ?? localeFromBrowser(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}
