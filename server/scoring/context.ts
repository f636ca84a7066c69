/**
 * What a detector sees of one trainee reply: the reply in matching form, its words,
 * sentences and questions, and the customer's earlier turns it may be answering. Built
 * once per reply, so every detector shares one segmentation.
 */
import type { Lang, Locale, Scenario } from './types.ts';
import { normalize, type NormalText } from '../text/normalize.ts';
import { sentences, words, type Span, type Word } from '../text/segment.ts';
import { findQuestions, type Question, type QuestionCues } from '../text/questions.ts';
import { numberMentions, type NumberMention } from '../text/numbers.ts';
import type { ProductSheet } from './productSheet.ts';

export interface SpokenTurn {
  text: NormalText;
  /** Segmented on first use: only some detectors need words. */
  readonly words: Word[];
  numbers: NumberMention[];
}

export interface ReplyContext extends SpokenTurn {
  locale: Locale;
  lang: Lang;
  scenario: Scenario | undefined;
  sentences: Span[];
  questions: Question[];
  /** The customer's turns before this reply, oldest first. */
  customer: readonly SpokenTurn[];
  /** How many of the latest customer turns came since the trainee last spoke: what this reply answers. */
  answering: number;
  /** What else of the call the reply is judged in (earlier.ts). */
  earlier: EarlierTurns;
}

/** The call around a reply beyond the customer's turns: the trainee's own earlier turns, and the product the call is about. */
export interface EarlierTurns {
  /** The trainee's turns before this reply, oldest first. */
  trainee: readonly SpokenTurn[];
  /** The persona's product sheet, when it has one: what stated figures are checked against. */
  product?: ProductSheet;
}

export function spokenTurn(raw: string, lang: Lang): SpokenTurn {
  const text = normalize(raw);
  let segmented: Word[] | undefined;
  return {
    text,
    get words() {
      segmented ??= words(text.norm, lang);
      return segmented;
    },
    numbers: numberMentions(text.norm),
  };
}

export function replyContext(
  raw: string,
  locale: Locale,
  lang: Lang,
  scenario: Scenario | undefined,
  customer: readonly SpokenTurn[],
  cues: QuestionCues,
  earlier: EarlierTurns = { trainee: [] },
  answering = Math.min(1, customer.length),
): ReplyContext {
  const turn = spokenTurn(raw, lang);
  const spans = sentences(turn.text.norm);
  return {
    text: turn.text,
    get words() {
      return turn.words;
    },
    numbers: turn.numbers,
    locale,
    lang,
    scenario,
    sentences: spans,
    questions: findQuestions(turn.text.norm, spans, lang, cues),
    customer,
    earlier,
    answering,
  };
}

/** Whether the sentence starting where `sentence` starts is one of the reply's questions. */
export function isAsked(reply: ReplyContext, sentence: Span): boolean {
  return reply.questions.some((q) => q.start === sentence.start);
}
