/** Times as a reader of the interface language writes them, in their own time zone. */
import type { UiLocale } from '../shared/i18n/interfaceLanguages.ts';

export function dateTimeText(iso: string, locale: UiLocale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function dateText(iso: string, locale: UiLocale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
}
