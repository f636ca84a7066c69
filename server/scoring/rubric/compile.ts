/**
 * Turns a validated rubric file into what the engine runs: word lists normalised and
 * compiled to matchers, detectors compiled, feedback in all three locales. Done once per
 * rubric; scoring a reply then only matches.
 */
import { EMPTY_BANK, type SentenceModelBank } from '../sentenceClassifier.ts';
import type { CompileTools, Detect, Hit, Localized, LocalText } from '../detectors/definition.ts';
import { compileDetector } from '../detectors/registry.ts';
import { compileEarlier, type EarlierTest } from '../earlier.ts';
import { compileNegation } from '../../text/negation.ts';
import { compilePhrases } from '../../text/phraseMatcher.ts';
import type { QuestionCues } from '../../text/questions.ts';
import type { MomentCues, MomentExpectations } from '../moments.ts';
import { inBothScripts } from '../../text/displayScript.ts';
import { SCENARIOS, type CriterionId, type Lang, type Scenario } from '../types.ts';
import type { CriterionConfig, ProcessConfig, RubricFile, SignalLabel, SignalTag } from './schema.ts';

/** What a signal means for the person reading it: earned points, cost points, or neither. */
export type SignalTone = 'good' | 'bad' | 'neutral';

/** A signal's coaching lines in every locale (see SignalCoaching in schema.ts). */
export interface CompiledCoaching {
  rank: number;
  keep: Localized | undefined;
  stop: Localized | undefined;
  stopUnexplained: Localized | undefined;
  onlyIn: readonly Scenario[] | undefined;
}

export interface CompiledSignal {
  id: string;
  criterion: CriterionId;
  points: number;
  tone: SignalTone;
  label: SignalLabel;
  tags: readonly SignalTag[];
  /** The process step a step signal takes; with `scenario`, the process it belongs to. */
  step: string | undefined;
  /** A step signal fires only in a call of this scenario; undefined for every other signal. */
  scenario: Scenario | undefined;
  /** The session fails when it fires (the rubric's `fails_session`). */
  failsSession: boolean;
  detectors: Detect[];
  also: string[];
  /** Conditions on the earlier turns of the call (earlier.ts); null when the signal has none. */
  onlyAfter: EarlierTest | null;
  unlessAfter: EarlierTest | null;
  present: Localized;
  absent: Localized | undefined;
  /** Undefined for a neutral signal only. */
  coaching: CompiledCoaching | undefined;
}

export interface CompiledProcessStep {
  step: string;
  /** The signal that takes the step on a turn; undefined for a whole-call step. */
  signal: string | undefined;
  wholeCall: boolean;
  label: SignalLabel;
  goal: SignalLabel;
}

export interface CompiledProcess {
  scenario: Scenario;
  name: SignalLabel;
  steps: CompiledProcessStep[];
  /** `{step}` stands for the first missing step's goal. */
  missing: Localized;
  outOfOrder: Localized;
}

export interface CompiledCriterion {
  name: Localized;
  weight: number;
  base: number;
  session: CriterionConfig['session'];
  none: Localized;
  failCap: number | undefined;
  notCalledFor: Localized | undefined;
}

export interface CompiledRubric {
  id: string;
  name: Localized;
  criteria: Record<CriterionId, CompiledCriterion>;
  signals: CompiledSignal[];
  /** Each scenario's process, in the rubric's order of steps; a scenario without one is absent. */
  processes: Partial<Record<Scenario, CompiledProcess>>;
  /**
   * The ids of the signals carrying each tag: the lists the server acts on (misconduct,
   * jargon…), as data, so a part that only reads them needs no more of the rubric's code.
   */
  tagged: Readonly<Record<SignalTag, ReadonlySet<string>>>;
  cues: Record<Lang, QuestionCues>;
  /** What a customer's turn does, and what each moment calls for (server/scoring/moments.ts). */
  moments: Record<Lang, MomentCues>;
  expectations: MomentExpectations;
  /** What a model may propose (server/graders/modelSignals.ts), and whether its findings count. */
  modelSignals: { counts: boolean; definitions: ReadonlyMap<string, string> };
}

/** A text in every locale: `zh` in the other script where the rubric does not write both (server/text/displayScript.ts). */
export function localize(text: LocalText): Localized {
  const both = inBothScripts(text.zh ?? '');
  return {
    en: text.en,
    'zh-Hans': text['zh-Hans'] ?? both['zh-Hans'],
    'zh-Hant': text['zh-Hant'] ?? both['zh-Hant'],
  };
}

/** Each tag's signals. Written out so that a new tag in SIGNAL_TAGS fails the type-check until listed here. */
function tagIndex(file: RubricFile): CompiledRubric['tagged'] {
  const withTag = (tag: SignalTag): ReadonlySet<string> => new Set(file.signals.filter((s) => s.tags.includes(tag)).map((s) => s.id));
  return {
    misconduct: withTag('misconduct'),
    dismissive: withTag('dismissive'),
    jargon: withTag('jargon'),
    process_step: withTag('process_step'),
    disclosure: withTag('disclosure'),
    reflection: withTag('reflection'),
    open_question: withTag('open_question'),
    closed_question: withTag('closed_question'),
    names_feeling: withTag('names_feeling'),
    shows_impact: withTag('shows_impact'),
  };
}

/** The scenario whose process names each step signal. */
function stepScenarios(file: RubricFile): Map<string, Scenario> {
  const owner = new Map<string, Scenario>();
  for (const scenario of SCENARIOS) for (const step of file.processes[scenario]?.steps ?? []) if (step.signal) owner.set(step.signal, scenario);
  return owner;
}

function compileProcess(scenario: Scenario, process: ProcessConfig, file: RubricFile): CompiledProcess {
  const labelOf = (id: string | undefined): SignalLabel | undefined => file.signals.find((s) => s.id === id)?.label;
  return {
    scenario,
    name: process.name,
    steps: process.steps.map((s) => ({
      step: s.step,
      signal: s.signal,
      wholeCall: s.whole_call,
      // The schema guarantees one of the two: a whole-call step's own label or its signal's.
      label: s.label ?? labelOf(s.signal) ?? { en: s.step, 'zh-Hans': s.step, 'zh-Hant': s.step },
      goal: s.goal,
    })),
    missing: localize(process.feedback.missing),
    outOfOrder: localize(process.feedback.out_of_order),
  };
}

/** Every detector's hits in order (a plain loop: this runs for every signal of every reply). */
function allHits(detectors: readonly Detect[], reply: Parameters<Detect>[0]): Hit[] {
  if (detectors.length === 1) return detectors[0]!(reply);
  const hits: Hit[] = [];
  for (const d of detectors) for (const h of d(reply)) hits.push(h);
  return hits;
}

/** A signal's models speak only when its own detectors found nothing, so a rule's words stay the evidence. */
function rulesThenModels(rules: Detect[], models: Detect[]): Detect[] {
  if (models.length === 0) return rules;
  return [
    (reply) => {
      const hits = allHits(rules, reply);
      return hits.length > 0 ? hits : allHits(models, reply);
    },
  ];
}

/** `models`: the files the `classifiers:` section names, read and compiled by the loader (the engine never reads the disk). */
export function compileRubric(file: RubricFile, models: SentenceModelBank = EMPTY_BANK): CompiledRubric {
  const { negation, questions, moments } = file.language;
  const negationRules = {
    zh: compileNegation('zh', negation.zh.negators, negation.zh.not_negating, negation.zh.breaks, negation.zh.window),
    en: compileNegation('en', negation.en.negators, negation.en.not_negating, negation.en.breaks, negation.en.window),
  };
  const cuesFor = (lang: Lang): QuestionCues => {
    const q = questions[lang];
    return {
      particles: compilePhrases(q.particles, lang),
      yesNo: compilePhrases(q.yes_no, lang),
      invite: compilePhrases(q.invite, lang),
      closed: compilePhrases(q.closed, lang),
      shortFact: compilePhrases(q.short_fact, lang),
      open: compilePhrases(q.open, lang),
      indefinite: compilePhrases(q.indefinite, lang),
      rhetorical: compilePhrases(q.rhetorical, lang),
    };
  };
  const cues = { zh: cuesFor('zh'), en: cuesFor('en') };
  const momentsFor = (lang: Lang): MomentCues => ({
    emotion: compilePhrases(moments?.[lang].emotion ?? [], lang),
    hardship: compilePhrases(moments?.[lang].hardship ?? [], lang),
    facts: compilePhrases(moments?.[lang].facts ?? [], lang),
    venting: compilePhrases(moments?.[lang].venting ?? [], lang),
    interjections: compilePhrases(moments?.[lang].interjections ?? [], lang),
    questions: cues[lang],
    negation: negationRules[lang],
  });
  const momentCues = { zh: momentsFor('zh'), en: momentsFor('en') };
  const tools: CompileTools = {
    phrases: (lists) => ({ en: compilePhrases(lists.en, 'en'), zh: compilePhrases(lists.zh, 'zh') }),
    localize,
    negation: negationRules,
    moments: momentCues,
    models,
  };
  const criteria = Object.fromEntries(
    Object.entries(file.criteria).map(([id, c]) => [
      id,
      {
        name: localize(c.name),
        weight: c.weight,
        base: c.base,
        session: c.session,
        none: localize(c.feedback.none),
        notCalledFor: c.feedback.not_called_for && localize(c.feedback.not_called_for),
        failCap: c.fail_cap,
      },
    ]),
  ) as Record<CriterionId, CompiledCriterion>;
  const scenarioOf = stepScenarios(file);
  const processes: CompiledRubric['processes'] = {};
  for (const scenario of SCENARIOS) {
    const process = file.processes[scenario];
    if (process) processes[scenario] = compileProcess(scenario, process, file);
  }
  return {
    id: file.id,
    name: localize(file.name),
    criteria,
    processes,
    signals: file.signals.map((s) => ({
      id: s.id,
      criterion: s.criterion,
      points: s.points,
      tone: s.points > 0 ? 'good' : s.points < 0 ? 'bad' : 'neutral',
      label: s.label,
      tags: s.tags,
      step: s.step,
      scenario: scenarioOf.get(s.id),
      failsSession: s.fails_session,
      detectors: rulesThenModels(
        s.detectors.map((d) => compileDetector(d, tools)),
        // A model not passed in is left out (rules only): the loader passes every file the section names.
        file.classifiers.filter((c) => c.signals.includes(s.id) && models.index.has(c.model)).map((c) => compileDetector({ type: 'classifier', model: c.model, threshold: c.threshold, ...(c.unless ? { unless: c.unless } : {}) }, tools)),
      ),
      also: s.also,
      onlyAfter: s.only_after ? compileEarlier(s.only_after, tools) : null,
      unlessAfter: s.unless_after ? compileEarlier(s.unless_after, tools) : null,
      present: localize(s.feedback.present),
      absent: s.feedback.absent ? localize(s.feedback.absent) : undefined,
      coaching: s.coaching && {
        rank: s.coaching.rank,
        keep: s.coaching.keep && localize(s.coaching.keep),
        stop: s.coaching.stop && localize(s.coaching.stop),
        stopUnexplained: s.coaching.stop_unexplained && localize(s.coaching.stop_unexplained),
        onlyIn: s.coaching.only_in,
      },
    })),
    tagged: tagIndex(file),
    cues,
    moments: momentCues,
    expectations: { emotion: [], question: [], facts: [], ...moments?.calls_for },
    modelSignals: {
      counts: file.model_signals.counts,
      definitions: new Map(Object.entries(file.model_signals.definitions).filter(([id]) => file.signals.some((s) => s.id === id))),
    },
  };
}
