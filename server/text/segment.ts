/**
 * Words and sentences of a normalised text. Chinese words come from Intl.Segmenter (one
 * instance, reused: building one is costly); English words are runs of letters, digits and
 * apostrophes, which is what the segmenter would give, at a fraction of the cost. Sentences
 * end at 。!?; and line breaks, and at a full stop followed by a space, so "5.5%" stays whole.
 */
import type { Lang } from './language.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  text: string;
}

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const EN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function words(text: string, lang: Lang): Word[] {
  const out: Word[] = [];
  if (lang === 'en') {
    // An exec loop over the one pattern: matchAll would clone it on every call.
    EN_WORD.lastIndex = 0;
    for (let m = EN_WORD.exec(text); m; m = EN_WORD.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }
  for (const s of zhSegmenter.segment(text)) {
    if (s.isWordLike) out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return out;
}

const SENTENCE_END = /[。!?;\n]+|\.+(?=\s|$)|…+|\.{3,}/g;

/** Sentence spans, each including its closing punctuation, without surrounding blanks. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    pushTrimmed(text, start, m.index + m[0].length, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, out);
  return out;
}

// Built once: clauses() runs on many sentences of every reply, and always resets lastIndex.
const CUT = /[,、:—]+|\s-\s/g;

/** Clause spans: sentences cut further at commas, colons and dashes. */
export function clauses(text: string, within: Span): Span[] {
  const out: Span[] = [];
  CUT.lastIndex = within.start;
  let start = within.start;
  for (let m = CUT.exec(text); m && m.index < within.end; m = CUT.exec(text)) {
    pushTrimmed(text, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, within.end, out);
  return out;
}

/**
 * Whether a UTF-16 code unit is what `\s` matches in a regular expression (white space and
 * line terminators): tested by code, as every sentence and clause is trimmed with it.
 */
export function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** The sentence that contains offset `at` (or the last one). */
export function sentenceAt(spans: readonly Span[], at: number): Span {
  for (const s of spans) if (at < s.end) return s;
  return spans[spans.length - 1] ?? { start: 0, end: 0 };
}

const CLAUSE_MARK = /[,、:;。!?\n—]/;

/** Where the clause holding offset `at` begins, never before `floor` (its sentence's start). */
export function clauseStart(text: string, floor: number, at: number): number {
  let i = at;
  while (i > floor && !CLAUSE_MARK.test(text[i - 1]!)) i--;
  return i;
}
