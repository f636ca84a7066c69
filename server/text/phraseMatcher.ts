/**
 * Finds the phrases of a word list in a normalised text with one regular expression.
 * A phrase may hold a gap, written "…" or "...", that stands for a few characters (or
 * words) within the same clause: "抱歉…久等" matches "抱歉讓您久等". English phrases match
 * whole words only.
 */
import type { Lang } from './language.ts';
import { normalizeTerm } from './normalize.ts';

export interface PhraseMatch {
  start: number;
  end: number;
  phrase: string;
}

export interface PhraseMatcher {
  readonly size: number;
  /** Read-only: a text without any phrase gets one shared empty list. */
  find(norm: string): readonly PhraseMatch[];
  /** True when any phrase occurs in `norm` (cheaper than find). */
  test(norm: string): boolean;
}

// Most searches find nothing: they all return this one list instead of a new empty array each.
const NO_MATCHES: readonly PhraseMatch[] = Object.freeze([]);

const GAP = /\s*(?:…|\.\.\.)\s*/;
const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const GAP_PATTERN: Record<Lang, string> = {
  zh: '[^。!?;,\\n]{0,8}?',
  en: "[^.!?;,\\n]{0,40}?",
};

function phrasePattern(phrase: string, lang: Lang): string {
  const parts = phrase.split(GAP).map((p) => p.replace(ESCAPE, '\\$&').replace(/\s+/g, '\\s+'));
  let body = parts.join(GAP_PATTERN[lang]);
  if (lang === 'en') {
    if (/^\w/.test(phrase)) body = `\\b${body}`;
    if (/\w$/.test(phrase)) body = `${body}\\b`;
  }
  return body;
}

export function compilePhrases(phrases: readonly string[], lang: Lang): PhraseMatcher {
  const terms = [...new Set(phrases.map(normalizeTerm).filter((p) => p.length > 0))];
  // Longest first, so "年化利率" wins over "利率" where both are listed.
  terms.sort((a, b) => b.length - a.length);
  if (terms.length === 0) return { size: 0, find: () => NO_MATCHES, test: () => false };
  const source = terms.map((t) => phrasePattern(t, lang)).join('|');
  const global = new RegExp(source, 'gu');
  const single = new RegExp(source, 'u');
  return {
    size: terms.length,
    test: (norm) => single.test(norm),
    find(norm) {
      let out: PhraseMatch[] | undefined;
      global.lastIndex = 0;
      for (let m = global.exec(norm); m; m = global.exec(norm)) {
        if (m[0].length === 0) {
          global.lastIndex++;
          continue;
        }
        (out ??= []).push({ start: m.index, end: m.index + m[0].length, phrase: m[0] });
      }
      return out ?? NO_MATCHES;
    },
  };
}
