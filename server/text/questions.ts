/**
 * Finds the questions in a reply and tells open from closed.
 *
 * Closed: a yes/no or either/or question, or one asking for a single short fact (an
 * amount, a date, a number). Open: one that invites the customer to explain in their own
 * words. "能說說當時的情況嗎" is open although it ends in 嗎, because it asks the customer
 * to tell; "您是在網上申請的嗎" is closed. The cue lists come from the rubric.
 */
import type { Lang } from './language.ts';
import type { PhraseMatcher } from './phraseMatcher.ts';
import type { Span } from './segment.ts';

export type QuestionKind = 'open' | 'closed';

export interface Question extends Span {
  kind: QuestionKind;
}

export interface QuestionCues {
  /** Sentence-final particles that make a question without a question mark (吗, 呢). */
  particles: PhraseMatcher;
  /** Words that open a yes/no question in English (do, are, could…): closed unless it invites. */
  yesNo: PhraseMatcher;
  /** Asks the customer to tell or describe: always open. */
  invite: PhraseMatcher;
  /** Yes/no, either/or and tag forms: closed. */
  closed: PhraseMatcher;
  /** A single short fact (how much, when, 几号): closed. */
  shortFact: PhraseMatcher;
  /** Question words that ask for an explanation (what, how, why, 为什么): open. */
  open: PhraseMatcher;
  /** Words that make a question word indefinite ("有什么问题都可以问我"): no question. */
  indefinite: PhraseMatcher;
  /** Put-downs dressed as questions ("有什么好生气的？"): no question to answer. */
  rhetorical: PhraseMatcher;
}

// A Chinese A-not-A question: 是不是, 有没有, 能不能, 会不会.
const A_NOT_A = /([\u4e00-\u9fff])[不没]\1/u;
// Without a question mark, an English wh-word counts only in question order ("when did…").
const WH_THEN_AUX = /^(?:what|how|why|when|where|who|which)\b(?:\s+\w+)?\s+(?:do|does|did|is|are|was|were|will|would|can|could|should|have|has|had|am)\b/;

function isQuestion(sentence: string, lang: Lang, cues: QuestionCues): boolean {
  if (cues.rhetorical.test(sentence)) return false;
  if (sentence.includes('?')) return true;
  if (lang === 'zh') {
    const core = sentence.replace(/[\s?!.。…~～]*$/, '');
    const last = core.slice(-1);
    // "…着呢" asserts, it does not ask: "合同上都写着呢", "早着呢".
    if (/[着著]呢$/.test(core)) return false;
    // Without a question mark, a closing particle or a closing tag ("…，对吧") makes a question;
    // "是否" in the middle of a statement ("确认是否需要") does not.
    if (cues.particles.test(last) || cues.closed.find(core).some((m) => m.phrase.length > 1 && m.end >= core.length - 1)) return true;
    // Speech-to-text transcripts carry no punctuation: a sentence left open that holds a
    // question word in its asking use ("为什么又离了", "什么时候能放款") is a question.
    if (/[。!.]$/.test(sentence)) return false;
    return A_NOT_A.test(core) || ((cues.open.test(core) || cues.shortFact.test(core)) && !cues.indefinite.test(core));
  }
  // Without a question mark, only a sentence that opens like a question and is not closed
  // by a full stop counts ("could you check the date" typed in a hurry); "When you applied,
  // the rate was fixed." is a statement.
  if (/\.$/.test(sentence) || sentence.includes(',')) return false;
  return startsWith(cues.yesNo, sentence) || WH_THEN_AUX.test(sentence);
}

/** English questions are known by their first word; "so," "and" or "ok" may come before it. */
function startsWith(cue: PhraseMatcher, sentence: string): boolean {
  const lead = /^(?:(?:so|and|ok|okay|well|now|also|then|sir|madam|ma'am)\b[\s,]*)*/.exec(sentence)?.[0].length ?? 0;
  const first = cue.find(sentence.slice(lead, lead + 40))[0];
  return first !== undefined && first.start === 0;
}

export function classify(sentence: string, lang: Lang, cues: QuestionCues): QuestionKind {
  if (cues.invite.test(sentence)) return 'open';
  if (cues.closed.test(sentence)) return 'closed';
  if (lang === 'en' && startsWith(cues.yesNo, sentence)) return 'closed';
  if (cues.shortFact.test(sentence)) return 'closed';
  if (cues.open.test(sentence)) return 'open';
  return 'closed';
}

export function findQuestions(norm: string, sentences: readonly Span[], lang: Lang, cues: QuestionCues): Question[] {
  const out: Question[] = [];
  for (const s of sentences) {
    const text = norm.slice(s.start, s.end);
    if (isQuestion(text, lang, cues)) out.push({ ...s, kind: classify(text, lang, cues) });
  }
  return out;
}
