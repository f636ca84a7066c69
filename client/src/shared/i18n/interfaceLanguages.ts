/**
 * The interface languages: the one list to extend when the interface gets a new language,
 * with that language's catalogue in each area's `messages/` folder (README, "Adding an
 * interface language").
 *
 * The interface language is not the conversation language. Scoring, personas and
 * transcripts know only the conversation locales (`Locale`, server/scoring/types.ts); a
 * trainee may read the English interface while practising a Chinese call.
 * `conversationLocaleFor` is the one place that picks a conversation locale from the
 * interface language (the persona filter's first value, which persona name a coach reads).
 */
import { LOCALES, type Locale } from '../contract.ts';
import { bestLocaleMatch } from './localeMatch.ts';

/** In the order of the language menu; each language named in itself, so a reader finds theirs. */
export const INTERFACE_LANGUAGES = [
  { locale: 'zh-Hans', name: '简体中文' },
  { locale: 'zh-Hant', name: '繁體中文' },
  { locale: 'en', name: 'English' },
] as const;

export type UiLocale = (typeof INTERFACE_LANGUAGES)[number]['locale'];

export const UI_LOCALES: readonly UiLocale[] = INTERFACE_LANGUAGES.map((l) => l.locale);

/** The reference catalogues are English: every other language is checked against them. */
export const REFERENCE_UI_LOCALE = 'en' satisfies UiLocale;

export const isUiLocale = (value: unknown): value is UiLocale => typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);

/**
 * The conversation locale closest to an interface language: itself when it is one, else the
 * same language and script (an interface in zh-HK would give zh-Hant), else English.
 */
export function conversationLocaleFor(uiLocale: string): Locale {
  return bestLocaleMatch(uiLocale, LOCALES) ?? 'en';
}
