/**
 * Each conversation language (a persona's, a session's) named in itself, whatever the
 * interface language: a reader finds theirs, and the name is not interface text. The
 * interface languages have their own list (shared/i18n/interfaceLanguages.ts).
 */
import type { Locale } from './contract.ts';

export const LOCALE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
