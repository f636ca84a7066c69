/**
 * Which language the interface speaks: the user's choice, remembered in localStorage; before
 * any choice, the first of the browser's preferred languages the interface has (zh-TW, zh-HK
 * and zh-Hant → 繁體中文, other Chinese → 简体中文), else English.
 */
import { isUiLocale, REFERENCE_UI_LOCALE, UI_LOCALES, type UiLocale } from './interfaceLanguages.ts';
import { localeForLanguages } from './localeMatch.ts';

export const UI_LOCALE_KEY = 'sparring.uiLocale';

export function storedUiLocale(): UiLocale | null {
  try {
    const value = localStorage.getItem(UI_LOCALE_KEY);
    return isUiLocale(value) ? value : null;
  } catch {
    // Storage can be off (private mode, a policy): the browser's languages will do.
    return null;
  }
}

export function rememberUiLocale(locale: UiLocale): void {
  try {
    localStorage.setItem(UI_LOCALE_KEY, locale);
  } catch {
    // Not remembered, but the choice still holds for this page.
  }
}

export function initialUiLocale(): UiLocale {
  const languages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return storedUiLocale() ?? localeForLanguages(languages, UI_LOCALES, REFERENCE_UI_LOCALE);
}
