/**
 * The `<option>`s of a menu of locales, each language named in itself and marked with its
 * `lang`, so a reader finds theirs and the browser picks the right glyphs for each.
 */
import { LOCALES, type Locale } from '../contract.ts';
import { LANGUAGE_NAMES } from './messages.ts';

export function LocaleOptions({ locales = LOCALES }: { locales?: readonly Locale[] }) {
  return (
    <>
      {locales.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </>
  );
}
