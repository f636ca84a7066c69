/**
 * The `<option>`s of a menu of conversation languages, each named in itself and marked with
 * its `lang`, so a reader finds theirs and the browser picks the right glyphs for each.
 */
import { LOCALES, type Locale } from '../contract.ts';
import { LOCALE_NAMES } from '../localeNames.ts';

export function LocaleOptions({ locales = LOCALES }: { locales?: readonly Locale[] }) {
  return (
    <>
      {locales.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </>
  );
}
