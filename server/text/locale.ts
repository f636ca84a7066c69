/**
 * Guesses a transcript's locale when it does not say: Chinese when Han characters
 * outnumber Latin letters, and Traditional when converting to Simplified changes more
 * characters than converting to Traditional would.
 */
import type { Locale } from './language.ts';
import { simplify, traditionalize } from './script.ts';

const HAN = /[\u3400-\u9FFF]/g;
const LATIN = /[A-Za-z]/g;

function changedChars(a: string, b: string): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) n++;
  return n + Math.abs(a.length - b.length);
}

export function detectLocale(text: string): Locale {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 || han * 2 < latin) return 'en';
  const asSimplified = changedChars(text, simplify(text));
  const asTraditional = changedChars(text, traditionalize(text));
  return asSimplified > asTraditional ? 'zh-Hant' : 'zh-Hans';
}
