/**
 * Whether a match is negated: a negator shortly before it in the same clause, as in
 * "我不理解您的…", "我們不會聯絡您的家人", "I can't guarantee…". Compounds that only look
 * negative (不好意思, 別人, 未來) are cleared from the window first.
 */
import type { Lang } from './language.ts';
import { compilePhrases, type PhraseMatcher } from './phraseMatcher.ts';
import { isSpace } from './segment.ts';

export interface NegationRules {
  negators: PhraseMatcher;
  notNegating: PhraseMatcher;
  /**
   * Words where a condition gives way to its consequence ("不还钱就坐牢", "if you don't
   * pay you will go to jail"): a negator before them belongs to the condition.
   */
  breaks: PhraseMatcher;
  /** How far back to look: characters for Chinese, words for English. */
  window: number;
}

export function compileNegation(lang: Lang, negators: string[], notNegating: string[], breaks: string[], window: number): NegationRules {
  return {
    negators: compilePhrases(negators, lang),
    notNegating: compilePhrases(notNegating, lang),
    breaks: compilePhrases(breaks, lang),
    window,
  };
}

/** Start of the look-back window: `window` characters (zh) or words (en) before `at`. */
function windowStart(norm: string, clauseStart: number, at: number, lang: Lang, window: number): number {
  if (lang === 'zh') return Math.max(clauseStart, at - window);
  let i = at;
  let seen = 0;
  while (i > clauseStart && seen <= window) {
    i--;
    if (isSpace(norm.charCodeAt(i)) && i > clauseStart && !isSpace(norm.charCodeAt(i - 1))) seen++;
  }
  return seen > window ? i + 1 : clauseStart;
}

export function isNegated(norm: string, clauseStart: number, at: number, lang: Lang, rules: NegationRules): boolean {
  let from = windowStart(norm, clauseStart, at, lang, rules.window);
  // The consequence starts after the last break: only what stands between counts.
  for (const b of rules.breaks.find(norm.slice(clauseStart, at))) from = Math.max(from, clauseStart + b.end);
  if (from >= at) return false;
  // Blank out look-alike compounds, looking a little wider so one cut by the window still counts.
  const wide = norm.slice(Math.max(clauseStart, from - 3), Math.min(norm.length, at + 3));
  const offset = Math.max(clauseStart, from - 3);
  let masked = norm.slice(from, at);
  for (const m of rules.notNegating.find(wide)) {
    const s = Math.max(m.start + offset, from) - from;
    const e = Math.min(m.end + offset, at) - from;
    if (e > s) masked = masked.slice(0, s) + ' '.repeat(e - s) + masked.slice(e);
  }
  return rules.negators.test(masked);
}
