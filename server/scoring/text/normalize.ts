/**
 * The matching form of a reply: Simplified script, lower case, half-width punctuation and
 * straight apostrophes. Detectors match on `norm`; `toOriginal` maps a span back so that
 * evidence always slices the text the trainee typed, whatever its script.
 */
import { simplify } from './script.ts';

export interface NormalText {
  readonly original: string;
  readonly norm: string;
  /** Original offset of each norm offset (length norm.length + 1); null when they coincide. */
  readonly offsets: Int32Array | null;
}

// Full-width ASCII (！？，：；（）Ａ１…) folds to half-width, so one pattern serves both.
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const CURLY_QUOTES = /[\u2018\u2019\u2032]/g;
const HAS_HAN = /[\u3400-\u9FFF]/;

function foldChars(text: string, han: boolean): string {
  const converted = han ? simplify(text) : text;
  return converted
    .toLowerCase()
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(CURLY_QUOTES, "'");
}

export function normalize(original: string): NormalText {
  const han = HAS_HAN.test(original);
  const norm = foldChars(original, han);
  if (norm.length === original.length) return { original, norm, offsets: null };
  // Rare: a conversion changed the length (a surrogate pair, a special lower case).
  // Rebuild code point by code point, remembering where each piece came from.
  let rebuilt = '';
  const offsets: number[] = [];
  let at = 0;
  for (const ch of original) {
    const piece = foldChars(ch, han);
    for (let k = 0; k < piece.length; k++) offsets.push(at);
    rebuilt += piece;
    at += ch.length;
  }
  offsets.push(original.length);
  return { original, norm: rebuilt, offsets: Int32Array.from(offsets) };
}

/** Maps a [start, end) span of `norm` to the original text, widened to whole characters. */
export function toOriginalSpan(text: NormalText, start: number, end: number): [number, number] {
  if (!text.offsets) return [start, end];
  const s = text.offsets[start] ?? text.original.length;
  let e = text.offsets[end] ?? text.original.length;
  if (e < s) e = s;
  return [s, e];
}

/** Normalises a word-list entry the same way as the text it will be matched against. */
export function normalizeTerm(term: string): string {
  return foldChars(term.trim(), HAS_HAN.test(term));
}
