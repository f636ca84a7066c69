// What outside text may be stored (server/text/storedText.ts): control and bidirectional
// characters go, what a language or an emoji needs stays.
import { describe, expect, it } from 'vitest';
import { storedText } from '../../server/text/storedText.ts';

describe('storedText', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Etxt.exe', 'invoicetxt.exe'],
    ['embeddings, isolates and marks', '\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h\u200Ei\u200Fj\u061Ck', 'abcdefghijk'],
    ['a NUL and an escape sequence', 'ok\u0000\u001B[31mred', 'ok[31mred'],
    ['C1 controls and DEL', 'a\u0085b\u009Bc\u007Fd', 'abcd'],
    ['a byte order mark inside the text', 'wo\uFEFFrd', 'word'],
  ])('removes %s', (_what, given, stored) => {
    expect(storedText(given)).toBe(stored);
  });

  it('keeps the joiners that emoji and Indic and Persian script need', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const devanagari = 'क्\u200Dष';
    const persian = 'می\u200Cخواهم';
    expect(storedText(`${family} ${devanagari} ${persian}`)).toBe(`${family} ${devanagari} ${persian}`);
  });

  it('keeps Chinese, full-width punctuation, accents and emoji with their variation selectors', () => {
    const text = '我理解您的擔憂，一年的利息是多少？ café ❤️ 👍🏽';
    expect(storedText(text)).toBe(text);
  });

  it('keeps newlines and tabs in multi-line text, every line break as "\\n"', () => {
    expect(storedText('one\r\ntwo\rthree\u2028four\u2029five\tsix')).toBe('one\ntwo\nthree\nfour\nfive\tsix');
  });

  it('turns newlines and tabs into one space in single-line text', () => {
    expect(storedText('ada\r\n\tlovelace', 'single')).toBe('ada lovelace');
  });

  it('replaces half a surrogate pair, so the text is well-formed', () => {
    expect(storedText('cut \uD83D here \uDE00 and whole \u{1F600}')).toBe('cut \uFFFD here \uFFFD and whole \u{1F600}');
  });
});
