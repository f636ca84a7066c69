/**
 * The conversation languages: a transcript's locale, and the language family its word lists
 * live under. The lowest layer: text handling, scoring and personas all build on it.
 */
import { z } from 'zod';

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** The language family a locale's word lists live under: both Chinese scripts share `zh`. */
export type Lang = 'zh' | 'en';
export const langOf = (locale: Locale): Lang => (locale === 'en' ? 'en' : 'zh');
