/**
 * Whether a catalogue is complete, as sentences a translator can act on: every interface
 * language has every key of the reference language and no other, uses the same `{values}`,
 * and gives a counted message every plural form its language needs (English "one" and
 * "other", Chinese "other" only, Russian four). Run over every area by
 * test/client/catalogues.test.ts; the type-check already refuses a missing key, this also
 * covers plural forms and catalogues added at run time.
 */
import { placeholdersOf, pluralRules, type Catalogue, type Message } from './message.ts';
import type { AreaCatalogue } from './messageRegistry.ts';

const list = (names: Iterable<string>) => [...names].sort().map((n) => `{${n}}`).join(', ') || 'none';

// The order CLDR lists plural forms in, which translators know them by.
const FORM_ORDER: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

function pluralProblems(area: string, locale: string, key: string, message: Message, referenceIsPlural: boolean): string[] {
  const categories = pluralRules(locale).resolvedOptions().pluralCategories;
  const needed = FORM_ORDER.filter((c) => categories.includes(c));
  if (typeof message === 'string') {
    // One form for every count is right only for a language without plural forms.
    return referenceIsPlural && needed.some((c) => c !== 'other') ? [`${area}: ${locale} "${key}" needs the plural forms ${needed.join(', ')}`] : [];
  }
  return needed.filter((c) => message[c] === undefined).map((c) => `${area}: ${locale} "${key}" lacks the plural form "${c}"`);
}

/** `locales` is the list of interface languages: one it names that the catalogue lacks is a problem too. */
export function catalogueProblems<L extends string>(catalogue: AreaCatalogue<L>, locales: readonly string[], reference: L): string[] {
  const { area, messages } = catalogue;
  const base = messages[reference];
  const byLocale = new Map<string, Catalogue>(Object.entries(messages));
  const problems: string[] = [];
  for (const locale of locales) {
    const own = byLocale.get(locale);
    if (!own) {
      problems.push(`${area}: no catalogue for ${locale}`);
      continue;
    }
    for (const key of Object.keys(base)) {
      const message = own[key];
      const expected = base[key]!;
      if (message === undefined) {
        problems.push(`${area}: ${locale} lacks "${key}"`);
        continue;
      }
      const have = placeholdersOf(message);
      const want = placeholdersOf(expected);
      if ([...want].some((n) => !have.has(n)) || [...have].some((n) => !want.has(n))) {
        problems.push(`${area}: ${locale} "${key}" uses ${list(have)}, ${reference} uses ${list(want)}`);
      }
      if (typeof message !== 'string' && !want.has('count')) problems.push(`${area}: ${locale} "${key}" has plural forms but no {count}`);
      problems.push(...pluralProblems(area, locale, key, message, typeof expected !== 'string'));
    }
    for (const key of Object.keys(own)) if (!(key in base)) problems.push(`${area}: ${locale} has "${key}", which ${reference} does not`);
  }
  return problems;
}

/** Keys two areas both define: whichever loaded last would win, so each key has one home. */
export function keysInTwoAreas<L extends string>(catalogues: ReadonlyArray<AreaCatalogue<L>>, reference: L): string[] {
  const home = new Map<string, string>();
  const problems: string[] = [];
  for (const { area, messages } of catalogues) {
    for (const key of Object.keys(messages[reference])) {
      const other = home.get(key);
      if (other !== undefined) problems.push(`"${key}" is in both ${other} and ${area}`);
      else home.set(key, area);
    }
  }
  return problems;
}
