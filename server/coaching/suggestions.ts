/**
 * Three coaching suggestions for an ended session, drawn from its score report: what to keep
 * (the strongest thing the trainee did, in their own words), what to start (the most
 * important thing missing) and what to stop (the most harmful thing said: a conduct fault
 * first, then dismissing the customer, then the other faults in the order the rubric ranks
 * them). A reply with a conduct fault or a dismissive remark is never quoted as one to keep.
 * Pure: a report and the rubric in, three sentences out, in the session's locale. What is
 * said of each signal is in the rubric (`coaching`); the other sentences are in wording.ts.
 * Examples fit any customer or the session's kind of call, never one customer's story.
 */
import type { CoachingSuggestions } from '../domain/apiAnswers.ts';
import type { Localized } from '../scoring/detectors/definition.ts';
import type { CompiledCoaching, CompiledRubric } from '../scoring/rubric/compile.ts';
import { signalsForStep, signalsWithTag } from '../scoring/rubric/signalTags.ts';
import { inBothScripts } from '../text/displayScript.ts';
import type { Evidence, Locale, Scenario, ScoreReport } from '../scoring/types.ts';
import {
  KEEP_ALL_STEPS,
  KEEP_CIVIL,
  KEEP_NOTHING,
  NO_REPLY,
  NOTHING_TO_STOP,
  START,
  START_HARDER,
  START_ORDER,
  forScenario,
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

/** A quotation short enough to read in one glance: about a clause. */
const QUOTE_LIMIT: Record<'en' | 'zh', number> = { en: 60, zh: 24 };

/** A sentence in the session's locale: the rubric's are localized already, wording.ts's here. */
function localize(words: Words | Localized, locale: Locale): string {
  if ('zh' in words) return locale === 'en' ? words.en : inBothScripts(words.zh)[locale];
  return words[locale];
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

function say(words: Words | Localized, facts: SessionFacts, said?: Said): string {
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

/**
 * The rubric's coaching for this scenario, signal by signal, by rank; a conduct fault before
 * any other fault, then brushing the customer off, whatever the ranks say: a rubric that
 * adds a fault cannot put it ahead of a threat by giving it a small rank.
 */
function ranked(rubric: CompiledRubric, scenario: Scenario): Array<{ id: string; coaching: CompiledCoaching }> {
  const misconduct = signalsWithTag(rubric, 'misconduct');
  const dismissive = signalsWithTag(rubric, 'dismissive');
  const gravity = (id: string): number => (misconduct.has(id) ? 0 : dismissive.has(id) ? 1 : 2);
  return rubric.signals
    .flatMap(({ id, coaching }) => (coaching && (!coaching.onlyIn || coaching.onlyIn.includes(scenario)) ? [{ id, coaching }] : []))
    .sort((a, b) => gravity(a.id) - gravity(b.id) || a.coaching.rank - b.coaching.rank);
}

function keep(report: ScoreReport, facts: SessionFacts, said: Map<string, Said[]>, rubric: CompiledRubric): string {
  // Praise never quotes a reply that broke the rules or brushed the customer off (a follow-up
  // promised in the same breath as a threat is no follow-up), and prefers one without any fault.
  const severeSignals = new Set([...signalsWithTag(rubric, 'misconduct'), ...signalsWithTag(rubric, 'dismissive')]);
  const faultSignals = new Set(rubric.signals.filter((s) => s.tone === 'bad').map((s) => s.id));
  const faulty = new Set(report.turns.filter((t) => t.signals.some((s) => faultSignals.has(s) || severeSignals.has(s))).map((t) => t.index));
  const severe = new Set(report.turns.filter((t) => t.signals.some((s) => severeSignals.has(s))).map((t) => t.index));
  const best = (signal: string): Said | undefined => {
    const list = (said.get(signal) ?? []).filter((s) => !severe.has(s.turn));
    return list.find((s) => !faulty.has(s.turn)) ?? list[0];
  };
  const steps = report.summary.complaint_steps;
  const lastStep = [...signalsForStep(rubric, 'follow_up')].map(best).find((s) => s !== undefined);
  // A complaint taken through every step while the customer was threatened or insulted is not
  // a way of handling complaints to keep: only what was done in the clean replies is praised.
  const allSteps = facts.scenario === 'complaint' && steps.missing.length === 0 && steps.in_order && severe.size === 0;
  if (allSteps && lastStep) return say(KEEP_ALL_STEPS, facts, lastStep);
  for (const { id, coaching } of ranked(rubric, facts.scenario)) {
    const found = coaching.keep ? best(id) : undefined;
    if (coaching.keep && found) return say(coaching.keep, facts, found);
  }
  return say(faulty.size === 0 ? KEEP_CIVIL : KEEP_NOTHING, facts);
}

function missing(gap: Gap, report: ScoreReport, said: Map<string, Said[]>, rubric: CompiledRubric): boolean {
  const none = (...signals: ReadonlySet<string>[]): boolean => signals.every((set) => ![...set].some((s) => said.has(s)));
  const { listening } = report.summary;
  switch (gap) {
    case 'emotion':
      // A call where the customer was never upset asks for no feeling words (summary.empathy_moments).
      if (report.summary.empathy_moments?.of === 0) return false;
      return none(signalsWithTag(rubric, 'names_feeling'), signalsWithTag(rubric, 'shows_impact'));
    case 'reflection':
      return listening.reflections === 0;
    case 'open_question':
    case 'open_question_need':
    case 'open_question_reason':
      return listening.open_questions === 0;
    // The complaint steps, or the collection process's own (a collection call has no complaint steps).
    case 'options':
      return none(signalsForStep(rubric, 'negotiate'), signalsForStep(rubric, 'offer_options'));
    case 'payment_date':
      return none(signalsForStep(rubric, 'follow_up'), signalsForStep(rubric, 'agree_plan'), signalsForStep(rubric, 'confirm_next'));
    case 'interpretation':
      return none(signalsWithTag(rubric, 'shows_impact'));
    default:
      // The complaint steps are judged from the summary (see START_ORDER's `steps`).
      return false;
  }
}

function start(report: ScoreReport, facts: SessionFacts, said: Map<string, Said[]>, rubric: CompiledRubric): string {
  for (const item of START_ORDER[facts.scenario]) {
    if (item === 'steps') {
      const steps = report.summary.complaint_steps;
      const first = steps.missing[0];
      if (first) return say(START[`step.${first}`], facts);
      if (!steps.in_order) return say(START.steps_in_order, facts);
      continue;
    }
    if (missing(item, report, said, rubric)) return say(forScenario(START[item], facts.scenario), facts);
  }
  return say(START_HARDER, facts);
}

function stop(facts: SessionFacts, said: Map<string, Said[]>, rubric: CompiledRubric): string {
  for (const { id, coaching } of ranked(rubric, facts.scenario)) {
    const list = said.get(id) ?? [];
    const { stop: words, stopUnexplained } = coaching;
    if (!words || !list[0]) continue;
    if (!stopUnexplained) return say(words, facts, list[0]);
    // A better way to say it is the most useful thing to hear: quote a piece that has one.
    const explained = list.find((s) => s.evidence.suggestion);
    return explained ? say(words, facts, explained) : say(stopUnexplained, facts, list[0]);
  }
  return say(NOTHING_TO_STOP[facts.scenario], facts);
}

export function coachingSuggestions(report: ScoreReport, facts: SessionFacts, rubric: CompiledRubric): CoachingSuggestions {
  if (report.turns.length === 0) {
    return { keep: say(NO_REPLY.keep, facts), start: say(NO_REPLY.start, facts), stop: say(NO_REPLY.stop, facts) };
  }
  const said = evidenceBySignal(report);
  return { keep: keep(report, facts, said, rubric), start: start(report, facts, said, rubric), stop: stop(facts, said, rubric) };
}
