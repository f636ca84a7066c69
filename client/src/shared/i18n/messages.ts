/**
 * The three interface catalogues and how a message is filled in. Values go in as text:
 * the result is a plain string that React renders as a text node, never as HTML.
 */
import type { Locale } from '../contract.ts';
import { coachEn, coachZhHans, coachZhHant } from '../../coach/messages.ts';
import { qaEn, qaZhHans, qaZhHant } from '../../qa/messages.ts';
import { traineeEn, traineeZhHans, traineeZhHant } from '../../trainee/messages.ts';
import { en } from './en.ts';
import { zhHans } from './zhHans.ts';
import { zhHant } from './zhHant.ts';

// Each area keeps its own catalogue, in English first; the Chinese ones must have every key.
const allEn = { ...en, ...traineeEn, ...coachEn, ...qaEn };
export type MessageKey = keyof typeof allEn;
type Messages = Record<MessageKey, string>;

export const CATALOGUES: Record<Locale, Messages> = {
  'zh-Hans': { ...zhHans, ...traineeZhHans, ...coachZhHans, ...qaZhHans },
  'zh-Hant': { ...zhHant, ...traineeZhHant, ...coachZhHant, ...qaZhHant },
  en: allEn,
};

/** Each language named in itself, so a reader finds theirs whatever the interface shows. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

export type Vars = Record<string, string | number>;

export function format(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return format(CATALOGUES[locale][key], vars);
}

/** A message whose key is built at run time (a signal id from the rubric…): null when there is none. */
export function translateOptional(locale: Locale, key: string, vars?: Vars): string | null {
  const template = (CATALOGUES[locale] as Record<string, string>)[key];
  return template === undefined ? null : format(template, vars);
}
