/**
 * Three coaching suggestions for an ended session, drawn from its score report: what to keep
 * (the strongest thing the trainee did, in their own words), what to start (the most
 * important thing missing) and what to stop (the most harmful thing said: conduct, then
 * dismissing the customer, then jargon, then long sentences). Pure: a report in, three
 * sentences out, in the session's locale. The sentences themselves are in wording.ts.
 */
import type { CoachingSuggestions } from '../domain/apiAnswers.ts';
import { simplify } from '../text/script.ts';
import type { Evidence, Locale, Scenario, ScoreReport } from '../scoring/types.ts';
import {
  KEEP,
  KEEP_ALL_STEPS,
  KEEP_CIVIL,
  KEEP_NOTHING,
  NO_REPLY,
  NOTHING_TO_STOP,
  START,
  START_HARDER,
  START_ORDER,
  STOP_CONDUCT,
  STOP_CONDUCT_OTHER,
  STOP_DISMISSIVE,
  STOP_JARGON,
  STOP_JARGON_UNEXPLAINED,
  STOP_LONG_SENTENCE,
  type Gap,
  type Words,
} from './wording.ts';

export interface SessionFacts {
  locale: Locale;
  scenario: Scenario;
}

/** A piece of evidence and the transcript index of the reply it is in. */
interface Said {
  turn: number;
  evidence: Evidence;
}

// Praise never quotes a reply that broke the rules or brushed the customer off (a follow-up
// promised in the same breath as a threat is no follow-up), and prefers one without any fault.
const isSevere = (signal: string): boolean => signal.startsWith('conduct.') || signal === 'empathy.dismissive';
const isFault = (signal: string): boolean => isSevere(signal) || signal === 'plain.jargon' || signal === 'plain.long_sentence';

// Complaint-procedure praise that makes sense only when the customer is complaining.
const COMPLAINT_ONLY = new Set(['complaint.acknowledge']);

/** A quotation short enough to read in one glance: about a clause. */
const QUOTE_LIMIT: Record<'en' | 'zh', number> = { en: 60, zh: 24 };

function localize(words: Words, locale: Locale): string {
  if (locale === 'en') return words.en;
  return locale === 'zh-Hans' ? simplify(words.zh) : words.zh;
}

function shorten(text: string, locale: Locale): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const limit = QUOTE_LIMIT[locale === 'en' ? 'en' : 'zh'];
  if (flat.length <= limit) return flat;
  let cut = flat.slice(0, limit - 1);
  // At the end of a clause where there is one far enough in, else at a word (English) or anywhere (Chinese).
  const clause = Math.max(...[...cut.matchAll(/[,;:，；：、]/gu)].map((m) => m.index), -1);
  if (clause > limit / 2) cut = cut.slice(0, clause);
  else if (locale === 'en' && cut.lastIndexOf(' ') > limit / 2) cut = cut.slice(0, cut.lastIndexOf(' '));
  return `${cut.replace(/[\s,.;:，。；：、]+$/u, '')}…`;
}

function say(words: Words, facts: SessionFacts, said?: Said): string {
  // The template is localized first: the trainee's own words are quoted as they were typed.
  return localize(words, facts.locale)
    .replaceAll('{evidence}', said ? shorten(said.evidence.text, facts.locale) : '')
    .replaceAll('{suggestion}', said?.evidence.suggestion ?? '');
}

/** Every piece of evidence in the report by signal, in transcript order. */
function evidenceBySignal(report: ScoreReport): Map<string, Said[]> {
  const bySignal = new Map<string, Said[]>();
  for (const turn of report.turns) {
    const pieces = Object.values(turn.criteria)
      .flatMap((c) => c.evidence)
      .sort((a, b) => a.start - b.start);
    for (const evidence of pieces) {
      const list = bySignal.get(evidence.signal) ?? [];
      list.push({ turn: turn.index, evidence });
      bySignal.set(evidence.signal, list);
    }
  }
  return bySignal;
}

function keep(report: ScoreReport, facts: SessionFacts, said: Map<string, Said[]>): string {
  const faulty = new Set(report.turns.filter((t) => t.signals.some(isFault)).map((t) => t.index));
  const severe = new Set(report.turns.filter((t) => t.signals.some(isSevere)).map((t) => t.index));
  const best = (signal: string): Said | undefined => {
    const list = (said.get(signal) ?? []).filter((s) => !severe.has(s.turn));
    return list.find((s) => !faulty.has(s.turn)) ?? list[0];
  };
  const steps = report.summary.complaint_steps;
  const lastStep = best('complaint.follow_up');
  if (facts.scenario === 'complaint' && steps.missing.length === 0 && steps.in_order && lastStep) return say(KEEP_ALL_STEPS, facts, lastStep);
  for (const { signal, words } of KEEP) {
    if (COMPLAINT_ONLY.has(signal) && facts.scenario !== 'complaint') continue;
    const found = best(signal);
    if (found) return say(words, facts, found);
  }
  return say(faulty.size === 0 ? KEEP_CIVIL : KEEP_NOTHING, facts);
}

function missing(gap: Gap, report: ScoreReport, said: Map<string, Said[]>): boolean {
  const none = (...signals: string[]): boolean => signals.every((s) => !said.has(s));
  const { listening } = report.summary;
  switch (gap) {
    case 'emotion':
      return none('empathy.emotion', 'empathy.interpretation');
    case 'reflection':
      return listening.reflections === 0;
    case 'open_question':
    case 'open_question_need':
    case 'open_question_reason':
      return listening.open_questions === 0;
    case 'options':
      return none('complaint.negotiate');
    case 'payment_date':
      return none('complaint.follow_up');
    case 'interpretation':
      return none('empathy.interpretation');
    default:
      // The complaint steps are judged from the summary (see START_ORDER's `steps`).
      return false;
  }
}

function start(report: ScoreReport, facts: SessionFacts, said: Map<string, Said[]>): string {
  for (const item of START_ORDER[facts.scenario]) {
    if (item === 'steps') {
      const steps = report.summary.complaint_steps;
      const first = steps.missing[0];
      if (first) return say(START[`step.${first}`], facts);
      if (!steps.in_order) return say(START.steps_in_order, facts);
      continue;
    }
    if (missing(item, report, said)) return say(START[item], facts);
  }
  return say(START_HARDER, facts);
}

function stop(facts: SessionFacts, said: Map<string, Said[]>): string {
  for (const { signal, words } of STOP_CONDUCT) {
    const found = said.get(signal)?.[0];
    if (found) return say(words, facts, found);
  }
  // A conduct signal of the rubric's own, not named above: still worse than anything below.
  const otherConduct = [...said.entries()].find(([signal]) => signal.startsWith('conduct.'))?.[1][0];
  if (otherConduct) return say(STOP_CONDUCT_OTHER, facts, otherConduct);
  const dismissive = said.get('empathy.dismissive')?.[0];
  if (dismissive) return say(STOP_DISMISSIVE, facts, dismissive);
  const jargon = said.get('plain.jargon') ?? [];
  const explained = jargon.find((s) => s.evidence.suggestion);
  if (explained) return say(STOP_JARGON, facts, explained);
  if (jargon[0]) return say(STOP_JARGON_UNEXPLAINED, facts, jargon[0]);
  const long = said.get('plain.long_sentence')?.[0];
  if (long) return say(STOP_LONG_SENTENCE, facts, long);
  return say(NOTHING_TO_STOP[facts.scenario], facts);
}

export function coachingSuggestions(report: ScoreReport, facts: SessionFacts): CoachingSuggestions {
  if (report.turns.length === 0) {
    return { keep: say(NO_REPLY.keep, facts), start: say(NO_REPLY.start, facts), stop: say(NO_REPLY.stop, facts) };
  }
  const said = evidenceBySignal(report);
  return { keep: keep(report, facts, said), start: start(report, facts, said), stop: stop(facts, said) };
}
