/**
 * Text as a reader sees it, for guards that must not be fooled by how it is encoded: a
 * zero-width space inside "A​I", "ＡＩ" in full width, "АI" with a Cyrillic А, or "𝐀𝐈" in
 * mathematical bold all read "AI". `withoutInvisibles` drops the characters that show
 * nothing (format characters such as U+200B, U+200D, U+2060, U+FEFF, the soft hyphen,
 * bidirectional controls, variation selectors); `foldLookalikes` also applies NFKC (full
 * width, ligatures, styled letters) and maps the Cyrillic and Greek letters that look like
 * Latin ones to those. Chinese is left alone: simplify it with normalize.ts as usual.
 */

// Default_Ignorable_Code_Point covers Cf (format) and the variation selectors, fillers and tags.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the letters that
 * matter for English words), and a few Latin variants NFKC keeps.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ѕ: 'S', І: 'I', Ј: 'J', Ӏ: 'I', Ԛ: 'Q', Ԝ: 'W',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  // Latin letters NFKC leaves as they are
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ǀ: 'l', ᴀ: 'A', ɪ: 'I',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** What the text reads as, in plain Latin letters where it only looks like them. */
export function foldLookalikes(text: string): string {
  return withoutInvisibles(text).normalize('NFKC').replace(CONFUSABLE, (c) => CONFUSABLES[c]!);
}
