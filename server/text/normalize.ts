/**
 * The matching form of a reply: Simplified script with Taiwan and Hong Kong words in their
 * mainland form (regional.ts), lower case, half-width punctuation and straight apostrophes. Detectors match on `norm`; `toOriginalSpan` maps a span back so that
 * evidence always slices the text the trainee typed, whatever its script.
 */
import { simplify } from './script.ts';
import { mainlandWords } from './regional.ts';

export interface NormalText {
  readonly original: string;
  readonly norm: string;
  /**
   * For each norm code unit, where the original character it came from starts and ends;
   * null when norm and original line up one to one (nearly always).
   */
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

// Full-width ASCII (！？，：；（）Ａ１…) folds to half-width, so one pattern serves both.
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const CURLY_QUOTES = /[\u2018\u2019\u2032]/g;
const HAS_HAN = /[\u3400-\u9FFF]/;

function foldChars(text: string, han: boolean): string {
  const converted = han ? mainlandWords(simplify(text)) : text;
  return converted
    .toLowerCase()
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(CURLY_QUOTES, "'");
}

export function normalize(original: string): NormalText {
  const han = HAS_HAN.test(original);
  const norm = foldChars(original, han);
  if (norm.length === original.length) return { original, norm, starts: null, ends: null };
  return realign(original, han);
}

/**
 * Rare: a conversion changed the length (暐 becomes 𬀩, a surrogate pair; İ lower-cases to
 * two units). Runs that keep their length are still converted whole, so phrase conversions
 * (瞭解 → 了解) stay as they are everywhere else; only the odd characters go one by one.
 */
function realign(original: string, han: boolean): NormalText {
  let norm = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (piece: string, from: number, to: number, oneToOne: boolean): void => {
    for (let k = 0; k < piece.length; k++) {
      starts.push(oneToOne ? from + k : from);
      ends.push(oneToOne ? from + k + 1 : to);
    }
    norm += piece;
  };
  let runStart = 0;
  const flushRun = (to: number): void => {
    if (to <= runStart) return;
    const run = original.slice(runStart, to);
    const piece = foldChars(run, han);
    if (piece.length === run.length) emit(piece, runStart, to, true);
    // A run that still changes length is mapped character by character.
    else for (let at = runStart; at < to; ) {
      const ch = String.fromCodePoint(original.codePointAt(at)!);
      emit(foldChars(ch, han), at, at + ch.length, false);
      at += ch.length;
    }
  };
  for (let at = 0; at < original.length; ) {
    const ch = String.fromCodePoint(original.codePointAt(at)!);
    const piece = foldChars(ch, han);
    if (piece.length !== ch.length) {
      flushRun(at);
      emit(piece, at, at + ch.length, false);
      runStart = at + ch.length;
    }
    at += ch.length;
  }
  flushRun(original.length);
  return { original, norm, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Maps a [start, end) span of `norm` to the original text, widened to whole characters. */
export function toOriginalSpan(text: NormalText, start: number, end: number): [number, number] {
  if (!text.starts || !text.ends) return [start, end];
  if (end <= start) {
    const at = text.starts[start] ?? text.original.length;
    return [at, at];
  }
  const s = text.starts[start] ?? text.original.length;
  const e = text.ends[end - 1] ?? text.original.length;
  return [s, Math.max(s, e)];
}

/** Normalises a word-list entry the same way as the text it will be matched against. */
export function normalizeTerm(term: string): string {
  return foldChars(term.trim(), HAS_HAN.test(term));
}
