/**
 * Reflections: the trainee restates what the customer said (amounts, dates, counts, the
 * problem) so the customer hears they were understood. A sentence reflects when it shares
 * the customer's figures or words AND is framed as a restatement ("您是說…", "so you…",
 * "…對嗎", or a remark on it: "…, that's not right", 「換誰都…」), when it carries enough of
 * the customer's own facts to be one by itself, or when one of its clauses is made mostly of
 * the customer's content in whatever words (echo.ts: character pairs and stems, so
 * "Two weeks since approval and still nothing" restates "approved two weeks ago… still has
 * not arrived"). A question that only mentions the topic ("您是在網上申請的嗎"), a one-word
 * echo, and a correction of what the customer was told ("don't pay them") are not reflections.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import type { SpokenTurn } from '../context.ts';
import type { Lang } from '../types.ts';
import { clauses, clauseStart, sentences, type Span, type Word } from '../../text/segment.ts';
import { normalizeTerm } from '../../text/normalize.ts';
import { contentPieces, isHan } from './echo.ts';
import { charPairs, sharesPair } from '../../text/charPairs.ts';
import { stem } from '../../text/stem.ts';

/** Whether a word starts with a digit (what `/^\d/` tests), without a regular expression. */
function startsWithDigit(word: string): boolean {
  const code = word.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function contentKeys(turn: SpokenTurn, spans: readonly Span[], lang: Lang, stop: Set<string>): Set<string> {
  const keys = new Set<string>();
  let single: Word | undefined;
  for (const w of turn.words) {
    if (!spans.some((s) => w.start >= s.start && w.end <= s.end)) continue;
    // Figures are compared as values, not as words ("half", "两").
    if (startsWithDigit(w.text) || stop.has(w.text) || turn.numbers.some((n) => n.start < w.end && w.start < n.end)) {
      single = undefined;
      continue;
    }
    if (lang === 'en') {
      if (w.text.length >= 3) keys.add(stem(w.text));
      continue;
    }
    if (w.text.length >= 2) keys.add(w.text);
    // The segmenter may cut a word the customer said whole ("还|款"): rejoin adjacent
    // single characters, so both sides compare the same pieces.
    if (w.text.length === 1 && single && single.end === w.start) {
      const joined = single.text + w.text;
      if (!stop.has(joined)) keys.add(joined);
    }
    single = w.text.length === 1 ? w : undefined;
  }
  return keys;
}

/**
 * `contentKeys` of each of a reply's sentences, in English, from one pass over its words:
 * a word belongs to the one sentence that holds it whole (sentences do not overlap).
 */
function englishKeysBySentence(turn: SpokenTurn, spans: readonly Span[], stop: Set<string>): Set<string>[] {
  const out = spans.map(() => new Set<string>());
  let i = 0;
  for (const w of turn.words) {
    while (i < spans.length && spans[i]!.end < w.end) i++;
    if (i === spans.length) break;
    if (w.start < spans[i]!.start) continue;
    if (startsWithDigit(w.text) || stop.has(w.text) || turn.numbers.some((n) => n.start < w.end && w.start < n.end)) continue;
    if (w.text.length >= 3) out[i]!.add(stem(w.text));
  }
  return out;
}

// A customer's question is not a fact to reflect: an answer naturally reuses its words.
const ASKS = /\?|[吗呢么]\s*[.。!]*$/;

// "If my application is approved…", "如果…": a supposition, not a fact the customer gave.
const SUPPOSES = /^(?:if|suppose|what if|in case|如果|要是|假如|万一|假设)/;

/** The customer's statements: every clause of a question sentence but the asking and supposing ones. */
function statementSpans(turn: SpokenTurn, spans: readonly Span[]): Span[] {
  const norm = turn.text.norm;
  return spans.flatMap((s) =>
    ASKS.test(norm.slice(s.start, s.end))
      ? clauses(norm, s)
          .slice(0, -1)
          .filter((c) => !SUPPOSES.test(norm.slice(c.start, c.end)))
      : [s],
  );
}

// A clause that denies or forbids what the customer reported ("no regulator charges a fee",
// 「千萬不要轉帳」) corrects them; it restates only when they denied something too ("我没逾期").
const NEGATES = /\b(?:no|not|never|nobody|nothing|cannot)\b|n't\b|[不没別别勿]/;

// The sharper form, for whole sentences: forbidding or ruling out ("don't pay them", "no
// regulator charges…", 「千萬不要轉帳」, 「銀行不會…」), not any 不 inside a word (不好意思).
const FORBIDS = /\b(?:do not|don't|never|no)\b|不要|别|別|不会|不會|千万|千萬|绝对不|絕對不|从不|從不|不是/;

interface Facts {
  /** Whether the statements deny anything. */
  negates: boolean;
  /**
   * Their content words, read on first need: segmenting a Chinese turn costs more than all
   * its other facts together, and a reply that shares no `pairs` with it never needs them.
   */
  words: () => Set<string>;
  /**
   * Every two adjacent code units of their turn (as one number), read on first need (only a
   * Chinese reply looks). Each of their words is a piece of the turn at least two long, so a
   * sentence holding none of these holds none of them.
   */
  pairs: () => ReadonlySet<number>;
  /** Content pieces of the statements (echo.ts): what a restatement in other words still shares. */
  pieces: Set<string>;
  /** Figures as "value" and, with their measure word, "value unit". */
  numbers: Set<string>;
}

function numberKeys(turn: SpokenTurn, spans: readonly Span[]): string[] {
  // Most turns hold no figure: nothing to filter.
  if (turn.numbers.length === 0) return [];
  return turn.numbers
    .filter((n) => spans.some((s) => n.start >= s.start && n.end <= s.end))
    .flatMap((n) => (n.unit ? [String(n.value), `${n.value} ${n.unit}`] : [String(n.value)]));
}

/** Read once, on first call. */
function once<T>(read: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= read());
}

/** The facts of the customer's recent turns together; one turn's own when there is one (the usual case). */
function recentFacts(turns: readonly Facts[]): Facts {
  if (turns.length === 1) return turns[0]!;
  const merged: Facts = {
    negates: false,
    words: once(() => new Set(turns.flatMap((facts) => [...facts.words()]))),
    pairs: once(() => new Set(turns.flatMap((facts) => [...facts.pairs()]))),
    pieces: new Set(),
    numbers: new Set(),
  };
  for (const facts of turns) {
    merged.negates ||= facts.negates;
    for (const k of facts.pieces) merged.pieces.add(k);
    for (const n of facts.numbers) merged.numbers.add(n);
  }
  return merged;
}

/** How much of the customer's content a clause must carry to restate it (the detector's `echo_*` settings). */
interface EchoShare {
  echo_share: number;
  echo_min: number;
}

/** Whether a clause of the sentence is made mostly of the customer's facts, in whatever words: a restatement. */
function echoes(reply: SpokenTurn, span: Span, their: Facts, stop: ReadonlySet<string>, need: EchoShare): boolean {
  if (their.pieces.size === 0 && their.numbers.size === 0) return false;
  const norm = reply.text.norm;
  return clauses(norm, span).some((clause) => {
    const text = norm.slice(clause.start, clause.end);
    if (!their.negates && NEGATES.test(text)) return false;
    const pieces = new Set(contentPieces(text, stop));
    const figures = numberKeys(reply, [clause]).filter((k) => !k.includes(' '));
    // Weighed in characters of the customer's facts: a Han pair adds the characters it
    // covers, a Latin word or a figure counts as a short word of two.
    const covered = new Set<string>();
    const all = new Set<string>();
    let shared = 2 * figures.filter((k) => their.numbers.has(k)).length;
    let total = 2 * figures.length;
    for (const p of pieces) {
      const han = isHan(p.charCodeAt(0));
      if (han) for (const ch of p) all.add(ch);
      else total += 2;
      if (!their.pieces.has(p)) continue;
      if (han) for (const ch of p) covered.add(ch);
      else shared += 2;
    }
    shared += covered.size;
    total += all.size;
    return shared >= need.echo_min && shared >= need.echo_share * total;
  });
}

export const reflection = defineDetector({
  type: 'reflection',
  description: "restatement of the customer's earlier facts or words",
  schema: z.strictObject({
    type: z.literal('reflection'),
    /** Words that frame a restatement: "您是说", "so you", "if I understand". */
    lead_ins: WordLists,
    /** Tags that ask the customer to confirm a restatement: "对吗", "is that right". */
    confirm: WordLists,
    /**
     * Words that remark on what the customer said, next to a restatement of it: "…, that's not
     * right", "I'm sorry your…", "換誰都…". They frame a restatement as a confirming tag does.
     */
    remarks: WordLists.default({ en: [], zh: [] }),
    /** Words too common to show listening (我们, 您, the, have…). */
    stopwords: WordLists,
    /** Shared content words that make a restatement without a framing word. */
    min_shared_words: z.number().int().positive().default(4),
    /** How many of the customer's latest turns a reflection may draw on. */
    lookback: z.number().int().positive().default(3),
    /**
     * A clause restates without a framing word when at least 2 of its content pieces (and this
     * share of them) are the customer's: "Jobless since March", 「沒逾期卻收了 penalty」.
     */
    echo_share: z.number().min(0).max(1).default(0.5),
    /** How much of the customer's content such a clause needs: a Chinese character is 1, a word or figure 2. */
    echo_min: z.number().positive().default(5),
  }),
  compile(params, tools) {
    const leadIns = tools.phrases(params.lead_ins);
    const confirm = tools.phrases(params.confirm);
    const remarks = tools.phrases(params.remarks);
    const stop: Record<Lang, Set<string>> = {
      en: new Set(params.stopwords.en.map(normalizeTerm)),
      zh: new Set(params.stopwords.zh.map(normalizeTerm)),
    };
    // Either language's stopwords: a mixed reply carries both scripts.
    const anyStop = new Set([...stop.en, ...stop.zh]);
    // What each customer turn said, computed once per turn however many replies follow it.
    const factsOf = new WeakMap<SpokenTurn, Facts>();
    const customerFacts = (turn: SpokenTurn, lang: Lang): Facts => {
      let facts = factsOf.get(turn);
      if (!facts) {
        const norm = turn.text.norm;
        const sentenceSpans = sentences(norm);
        const spans = statementSpans(turn, sentenceSpans);
        const statements = sentenceSpans
          .map((s) => norm.slice(s.start, s.end))
          .filter((s) => !ASKS.test(s));
        facts = {
          words: once(() => contentKeys(turn, spans, lang, stop[lang])),
          pairs: once(() => charPairs(norm)),
          // Only whole statements: restating the topic of a question is answering it.
          pieces: new Set(statements.flatMap((s) => contentPieces(s, anyStop))),
          negates: statements.some((s) => NEGATES.test(s)),
          numbers: new Set(numberKeys(turn, spans)),
        };
        factsOf.set(turn, facts);
      }
      return facts;
    };
    return (reply) => {
      const recent = reply.customer.slice(-params.lookback);
      if (recent.length === 0) return [];
      const their = recentFacts(recent.map((turn) => customerFacts(turn, reply.lang)));
      const theirNumbers = their.numbers;
      const norm = reply.text.norm;
      const hits: Hit[] = [];
      const englishKeys = reply.lang === 'en' ? englishKeysBySentence(reply, reply.sentences, stop.en) : [];
      for (const [index, span] of reply.sentences.entries()) {
        const asked = reply.questions.find((q) => q.start === span.start);
        // An open question about the topic is exploring, not restating.
        if (asked?.kind === 'open') continue;
        const text = norm.slice(span.start, span.end);
        // A framing word counts where it opens a clause ("…, so you applied"), not mid-phrase
        // ("…in batches, so the payment"); a confirming tag counts anywhere.
        const framed =
          confirm[reply.lang].test(text) ||
          remarks[reply.lang].test(text) ||
          leadIns[reply.lang].find(text).some((m) => {
            const at = span.start + m.start;
            return norm.slice(clauseStart(norm, span.start, at), at).trim().length <= 2;
          });
        // A figure with the same measure word ("三天" and "三天") is a fact and its word.
        const mine = [...new Set(numberKeys(reply, [span]))];
        const sharedNumbers = mine.filter((k) => !k.includes(' ') && theirNumbers.has(k)).length;
        let sharedWords = mine.filter((k) => k.includes(' ') && theirNumbers.has(k)).length;
        if (reply.lang === 'zh') {
          // The customer's words found in the sentence as written: no second segmentation,
          // and no miss when the segmenter cuts the reply differently ("还款" vs "还|款").
          if (sharesPair(text, their.pairs())) for (const k of their.words()) if (text.includes(k)) sharedWords++;
        } else {
          for (const k of englishKeys[index]!) if (their.words().has(k)) sharedWords++;
        }
        const corrects = !their.negates && FORBIDS.test(text);
        const restates = framed
          ? sharedNumbers + sharedWords >= 2
          : // A closed question that merely mentions the topic ("did you apply online?") is no restatement.
            !asked && !corrects && (sharedNumbers >= 2 || (sharedNumbers >= 1 && sharedWords >= 1) || sharedWords >= params.min_shared_words);
        if (restates || (!asked && echoes(reply, span, their, anyStop, params))) hits.push({ start: span.start, end: span.end });
      }
      return hits;
    };
  },
});
