/**
 * What the customer just did, and so what the reply to it is expected to do. The moment is
 * read from the customer's last turn before the reply, together with any earlier ones said
 * since the trainee last spoke (a customer who says "my rent is due" and then "when will I
 * get it back?" is answered as one): an emotional moment (anger, worry, distress, or a
 * hardship told: a job lost, an illness, a family need) calls for empathy; a direct question
 * calls for an answer; facts (amounts, dates, what happened) call for a reflection. A moment
 * may be several of these, or none ("hello?", "ok", or a second reply in a row). Turns the
 * trainee already answered are not read again. Pure; the cue words come from the rubric's
 * `language.moments`, so a QA person extends them without a code change.
 */
import type { SpokenTurn } from './context.ts';
import type { Lang, Moment } from './types.ts';
import { isNegated, type NegationRules } from '../text/negation.ts';
import type { PhraseMatcher } from '../text/phraseMatcher.ts';
import { findQuestions, type Question, type QuestionCues } from '../text/questions.ts';
import { clauseStart, sentenceAt, sentences, words, type Span } from '../text/segment.ts';

export interface MomentCues {
  /** Feelings: anger, worry, distress ("I'm so worried", "气死了", "到底"). */
  emotion: PhraseMatcher;
  /** Hardship told: a job lost, an illness, a family need ("I lost my job", "住院"). */
  hardship: PhraseMatcher;
  /** What happened, and when ("yesterday", "you charged", "上个月", "扣了"); figures count by themselves. */
  facts: PhraseMatcher;
  /** Questions that vent rather than ask ("你们到底在搞什么？"): an emotion, not a question. */
  venting: PhraseMatcher;
  /** Words that ask nothing by themselves ("hello?", "喂？"). */
  interjections: PhraseMatcher;
  questions: QuestionCues;
  negation: NegationRules;
}

/** A direct question the customer asked, as a span of their turn's normalised text. */
export interface AskedQuestion {
  turn: SpokenTurn;
  question: Question;
}

/** The moment with the customer's direct questions, for a detector that checks they were answered. */
export interface MomentReading extends Moment {
  asked: AskedQuestion[];
}

// "Hello?", "Yeah, hello?", "喂？": a bare call for attention is no question to answer.
function asksSomething(text: string, lang: Lang, interjections: PhraseMatcher): boolean {
  let rest = text;
  for (const m of interjections.find(text)) rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
  return lang === 'en' ? words(rest, 'en').length >= 2 : (rest.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2;
}

function cueSaid(turn: SpokenTurn, cue: PhraseMatcher, spans: readonly Span[], lang: Lang, negation: NegationRules): boolean {
  const norm = turn.text.norm;
  return cue.find(norm).some((m) => {
    const sentence = sentenceAt(spans, m.start);
    return !isNegated(norm, clauseStart(norm, sentence.start, m.start), m.start, lang, negation);
  });
}

function feels(turn: SpokenTurn, lang: Lang, cues: MomentCues, spans: readonly Span[]): boolean {
  return cueSaid(turn, cues.emotion, spans, lang, cues.negation) || cueSaid(turn, cues.hardship, spans, lang, cues.negation);
}

// Each customer turn is read once per rubric, however many replies follow it.
const readings = new WeakMap<MomentCues, WeakMap<SpokenTurn, MomentReading>>();

function readTurn(turn: SpokenTurn, lang: Lang, cues: MomentCues): MomentReading {
  let byTurn = readings.get(cues);
  if (!byTurn) readings.set(cues, (byTurn = new WeakMap()));
  const known = byTurn.get(turn);
  if (known) return known;
  const norm = turn.text.norm;
  const spans = sentences(norm);
  const questions = findQuestions(norm, spans, lang, cues.questions);
  const vents = questions.some((q) => cues.venting.test(norm.slice(q.start, q.end)));
  const asked = questions.filter((q) => asksSomething(norm.slice(q.start, q.end), lang, cues.interjections) && !cues.venting.test(norm.slice(q.start, q.end)));
  const isAsked = (s: Span): boolean => asked.some((q) => q.start === s.start);
  const statements = spans.filter((s) => !isAsked(s));
  const inStatement = (start: number): boolean => statements.some((s) => start >= s.start && start < s.end);
  const facts = turn.numbers.some((n) => inStatement(n.start)) || cues.facts.find(norm).some((m) => inStatement(m.start));
  const reading = { emotion: vents || feels(turn, lang, cues, spans), question: asked.length > 0, facts, asked: asked.map((question) => ({ turn, question })) };
  byTurn.set(turn, reading);
  return reading;
}

/**
 * The moment a reply answers: the customer's latest `answering` turns (those since the
 * trainee last spoke), read together.
 */
export function readMoment(customer: readonly SpokenTurn[], answering: number, lang: Lang, cues: MomentCues): MomentReading {
  // One turn since the trainee last spoke (the usual case): its own reading is the moment.
  if (answering === 1 && customer.length >= 1) return readTurn(customer[customer.length - 1]!, lang, cues);
  const read = customer.slice(customer.length - Math.min(answering, customer.length)).map((t) => readTurn(t, lang, cues));
  return {
    emotion: read.some((r) => r.emotion),
    question: read.some((r) => r.question),
    facts: read.some((r) => r.facts),
    asked: read.flatMap((r) => r.asked),
  };
}

export function classifyMoment(customer: readonly SpokenTurn[], answering: number, lang: Lang, cues: MomentCues): Moment {
  const { emotion, question, facts } = readMoment(customer, answering, lang, cues);
  return { emotion, question, facts };
}

export const MOMENT_KINDS = ['emotion', 'question', 'facts'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

/**
 * What each moment calls for, from the rubric: the signals, or whole criteria, whose hints
 * (a signal's `absent` feedback, a criterion's `none`) a reply to that moment may be given.
 * A signal or criterion named under no moment is always expected.
 */
export type MomentExpectations = Readonly<Record<MomentKind, readonly string[]>>;

/**
 * The moment kinds naming each signal or criterion id, as bits (1 << index in MOMENT_KINDS),
 * built once per rubric's expectations: every hint of every reply asks.
 */
const kindBits = new WeakMap<MomentExpectations, Map<string, number>>();

function kindsNaming(expectations: MomentExpectations, id: string): number {
  let bits = kindBits.get(expectations);
  if (!bits) {
    const built = new Map<string, number>();
    MOMENT_KINDS.forEach((kind, k) => {
      for (const name of expectations[kind]) built.set(name, (built.get(name) ?? 0) | (1 << k));
    });
    kindBits.set(expectations, built);
    bits = built;
  }
  return bits.get(id) ?? 0;
}

/** Whether any of the kinds (bits) is what the moment is; no kind at all governs nothing, so it is always expected. */
function governedAndMet(kinds: number, moment: Moment): boolean {
  if (kinds === 0) return true;
  for (let k = 0; k < MOMENT_KINDS.length; k++) if (kinds & (1 << k) && moment[MOMENT_KINDS[k]!]) return true;
  return false;
}

/** Whether the moment calls for the signal (or criterion, by its id) named `id` of `criterion`. */
export function calledFor(expectations: MomentExpectations, moment: Moment, id: string, criterion: string): boolean {
  return governedAndMet(kindsNaming(expectations, id) | kindsNaming(expectations, criterion), moment);
}

/** Whether anything the moment calls for belongs to the criterion (its own id, or one of its signals'). */
export function criterionCalledFor(
  expectations: MomentExpectations,
  moment: Moment,
  criterion: string,
  signals: ReadonlyArray<{ id: string }>,
): boolean {
  let kinds = kindsNaming(expectations, criterion);
  for (const s of signals) kinds |= kindsNaming(expectations, s.id);
  return governedAndMet(kinds, moment);
}
