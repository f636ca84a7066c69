/**
 * A direct question the customer asked since the trainee last spoke that the reply leaves
 * unanswered: the reply neither gives information bearing on the question nor says it will
 * find out. Information is a yes or a no, a figure for "how much" or "when", a statement
 * about what was asked (it shares the question's words), or any other statement of
 * substance: one that is not only soothing, greeting, thanks or a put-down, and not an "I
 * don't know". A reply that only soothes, greets, shrugs or asks something else leaves the
 * customer still waiting for an answer.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import { isAsked, type ReplyContext } from '../context.ts';
import { readMoment } from '../moments.ts';
import type { Lang } from '../types.ts';
import { isNegated } from '../../text/negation.ts';
import { normalizeTerm } from '../../text/normalize.ts';
import type { PhraseMatcher } from '../../text/phraseMatcher.ts';
import { charPairs, sharesPair } from '../../text/charPairs.ts';
import { stem } from '../../text/stem.ts';
import { clauses, clauseStart, sentenceAt, words, type Span } from '../../text/segment.ts';

/** The words of a question that say what it is about (not its question words, not its pronouns). */
function topicWords(text: string, lang: Lang, stop: ReadonlySet<string>): string[] {
  const keys = words(text, lang)
    .map((w) => w.text)
    .filter((w) => !stop.has(w) && !/^\d/.test(w));
  return lang === 'en' ? keys.filter((w) => w.length >= 3).map(stem) : keys.filter((w) => w.length >= 2);
}

/** Content characters of a Chinese statement. */
function hanCount(text: string): number {
  return text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
}

/** A clause too long to be only a question or only soothing, when speech is written down without stops. */
function isLong(text: string, lang: Lang): boolean {
  return lang === 'zh' ? hanCount(text) > 14 : words(text, 'en').length > 12;
}

/** "能。", "有的", "会啊": a word or two that says yes to a yes/no question. */
function bareYes(text: string, lang: Lang): boolean {
  return lang === 'zh' && /^[能会有行要是对好得][的啊呀啦喔哦嘅]?[\s.!。]*$/.test(text.trim());
}


/** The reply's opening is what the customer heard instead of an answer. */
function hitOn(reply: ReplyContext): Hit[] {
  const first = reply.sentences[0];
  return first ? [{ start: first.start, end: first.end }] : [];
}

export const unansweredQuestion = defineDetector({
  type: 'unanswered_question',
  description: 'a direct question of the customer that the reply neither answers nor undertakes to find out',
  schema: z.strictObject({
    type: z.literal('unanswered_question'),
    /** Saying it will find out: "let me check", "I'll find out", "我查一下". */
    finds_out: WordLists,
    /** Opening a statement with these answers a yes/no question: "yes", "no", "可以", "不会". */
    answers: WordLists,
    /** Words of a question that do not tell what it is about (what, can, you, 请问, 什么). */
    not_topic: WordLists,
    /** A clause holding one of these soothes, greets, thanks or puts down: no information by itself. */
    no_information: WordLists,
    /** A clause holding one of these says the agent does not know, or sends the customer elsewhere. */
    no_answer: WordLists,
    /** Content words (zh: characters) a statement needs to be one of substance. */
    substance: z.strictObject({ en: z.number().int().positive(), zh: z.number().int().positive() }),
  }),
  compile(params, tools) {
    const findsOut = tools.phrases(params.finds_out);
    const answers = tools.phrases(params.answers);
    const noInformation = tools.phrases(params.no_information);
    const noAnswer = tools.phrases(params.no_answer);
    const stop: Record<Lang, Set<string>> = {
      en: new Set(params.not_topic.en.map(normalizeTerm)),
      zh: new Set(params.not_topic.zh.map(normalizeTerm)),
    };
    const said = (reply: ReplyContext, cue: PhraseMatcher, within: readonly Span[]): boolean => {
      const norm = reply.text.norm;
      return within.some((s) =>
        cue.find(norm.slice(s.start, s.end)).some((m) => {
          const at = s.start + m.start;
          return !isNegated(norm, clauseStart(norm, sentenceAt(reply.sentences, at).start, at), at, reply.lang, tools.negation[reply.lang]);
        }),
      );
    };
    return (reply) => {
      const moment = readMoment(reply.customer, reply.answering, reply.lang, tools.moments[reply.lang]);
      if (!moment.question) return [];
      const norm = reply.text.norm;
      const lang = reply.lang;
      if (said(reply, findsOut[lang], reply.sentences)) return [];
      // What the reply states: its clauses, but the asking one of a question, less those that
      // only soothe, greet, thank or insult. In a transcript of speech, written without stops,
      // a long clause holds more than its question or its "don't worry": it is kept, with the
      // soothing words taken out. (Plain loops: this runs on every reply to a question.)
      const unpunctuated = !/[,.!?;。]/.test(norm);
      const spans: Span[] = [];
      const texts: string[] = [];
      for (const s of reply.sentences) {
        const all = clauses(norm, s);
        const asks = isAsked(reply, s);
        const last = all[all.length - 1];
        const kept = asks && last && !(unpunctuated && isLong(norm.slice(last.start, last.end), lang)) ? all.length - 1 : all.length;
        for (let i = 0; i < kept; i++) {
          const span = all[i]!;
          const text = norm.slice(span.start, span.end);
          const soothing = noInformation[lang].find(text);
          if (soothing.length > 0 && !(unpunctuated && isLong(text, lang))) continue;
          spans.push(span);
          texts.push(soothing.length === 0 ? text : soothing.reduceRight((t, m) => t.slice(0, m.start) + ' '.repeat(m.end - m.start) + t.slice(m.end), text));
        }
      }
      if (texts.some((t) => noAnswer[lang].test(t))) return hitOn(reply);
      // A yes or a no, where a statement opens with it ("Yes, you can…", "可以，…").
      if (texts.some((t) => answers[lang].find(t).some((m) => m.start <= 2))) return [];
      const cues = tools.moments[lang].questions;
      const negators = tools.negation[lang].negators;
      // Read on first need: a figure or a "no" often answers before any topic is compared.
      let mine: string[] | undefined;
      let bears = true;
      for (const { turn, question } of moment.asked) {
        // The asking clause only: "my mother is in hospital, how do I pay?" asks about paying.
        const clause = clauses(turn.text.norm, question).at(-1) ?? question;
        const asked = turn.text.norm.slice(clause.start, clause.end);
        // A yes/no question is answered by a statement that says no ("满一年不收", "we don't
        // charge it"), or by a bare yes ("能。", "有的").
        if (question.kind === 'closed' && texts.some((t) => negators.test(t) || bareYes(t, lang))) continue;
        // "How much", "when": a figure in a statement answers it.
        if (cues.shortFact.test(asked) && reply.numbers.some((n) => spans.some((c) => n.start >= c.start && n.end <= c.end))) continue;
        if (lang === 'zh') {
          // Each topic word is a piece of the question: a reply sharing no two adjacent
          // characters with it holds none, and the question need not be segmented.
          const pairs = charPairs(asked);
          if (texts.some((t) => sharesPair(t, pairs)) && topicWords(asked, lang, stop[lang]).some((w) => texts.some((t) => t.includes(w)))) continue;
        } else {
          const topic = topicWords(asked, lang, stop[lang]);
          // A shared stem, or one that begins the other ("pay", "payments").
          const stated = (mine ??= topicWords(texts.join(' '), 'en', stop.en));
          if (topic.some((w) => stated.some((m) => m.startsWith(w) || w.startsWith(m)))) continue;
        }
        bears = false;
        break;
      }
      if (bears) return [];
      // Any other statement of substance informs too, counted over the whole reply (an
      // abbreviation's full stop may cut a sentence in two); a figure counts as a word.
      // In English that is the statements' topic words, already read above when a question was
      // compared (no word runs across the spaces that join them), and their figures.
      let size = 0;
      if (lang === 'en') size = (mine ??= topicWords(texts.join(' '), 'en', stop.en)).length + (texts.join(' ').match(/\d+/g)?.length ?? 0);
      else for (const t of texts) size += hanCount(t);
      return size >= params.substance[lang] ? [] : hitOn(reply);
    };
  },
});
