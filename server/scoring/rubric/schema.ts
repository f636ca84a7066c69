/**
 * The rubric file format: criteria and their weights, the signals behind each criterion
 * with the detectors that find them, what each signal is called and tagged as, the shared
 * language cues (negation, questions), and the feedback per locale.
 * `rubrics/lending-service-v1.yaml` is the worked example.
 */
import { z } from 'zod';
import { CriterionId, SCENARIOS, Scenario, SignalId } from '../types.ts';
import { LocalText, WordLists } from '../detectors/definition.ts';
import { DetectorConfig } from '../detectors/registry.ts';
import { EarlierSaid } from '../earlier.ts';

const Points = z.number().int().min(-100).max(100);

/**
 * What the program does with a signal beyond scoring it: every list of signals the server
 * needs is the signals carrying one of these tags (server/scoring/rubric/signalTags.ts).
 */
export const SIGNAL_TAGS = [
  /** The customer reacts as to misconduct; coaching never praises a reply that has it. */
  'misconduct',
  /** The customer feels brushed off; coaching never praises a reply that has it. */
  'dismissive',
  /** Its evidence is a term the customer may not know, and asks about. */
  'jargon',
  /** Takes the call's process to the step named in `step` (the process that names the signal). */
  'process_step',
  /** Says something about the debt to someone who may not hear it: a whole-call step such as `no_disclosure` is lost. */
  'disclosure',
  /** Counted in the listening figures: restatements, open and closed questions. */
  'reflection',
  'open_question',
  'closed_question',
  /** Coaching's "start" looks for these: the feeling named, and what the problem means for the customer. */
  'names_feeling',
  'shows_impact',
] as const;
export const SignalTag = z.enum(SIGNAL_TAGS);
export type SignalTag = z.infer<typeof SignalTag>;

/** A short name for a signal in each interface language, as a trainee reads it beside a reply. */
export const SignalLabel = z.strictObject({
  en: z.string().trim().min(1),
  'zh-Hans': z.string().trim().min(1),
  'zh-Hant': z.string().trim().min(1),
});
export type SignalLabel = z.infer<typeof SignalLabel>;

export const CriterionConfig = z.strictObject({
  name: LocalText,
  /** Share of the overall score; weights are normalised, so any positive numbers will do. */
  weight: z.number().positive(),
  /** A turn's score before its signals add or take points. */
  base: z.number().int().min(0).max(100),
  /**
   * How turn scores become the session's: the mean; the worst turn (one threat spoils a
   * call); the complaint steps covered, in order; or the share of the customer's emotional
   * moments answered with empathy (server/scoring/empathyMoments.ts).
   */
  session: z.enum(['mean', 'min', 'steps', 'moments']),
  /**
   * The most `overall` can be when a signal marked `fails_session` fired (a threat, a
   * disclosure): given in the conduct criterion.
   */
  fail_cap: z.number().int().min(0).max(100).optional(),
  feedback: z.strictObject({
    /** When no signal of this criterion fired and no hint applies. */
    none: LocalText,
    /** Said instead of `none` when the customer's moment called for nothing of this criterion. */
    not_called_for: LocalText.optional(),
  }),
});
export type CriterionConfig = z.infer<typeof CriterionConfig>;

/**
 * What the coaching suggestions after a session say of a signal. `{evidence}` is a short
 * piece of what the trainee said, `{suggestion}` a plainer way the rubric knows.
 */
export const SignalCoaching = z.strictObject({
  /** Which line is said when several apply: rank 1 before rank 2 (keep lines and stop lines apart). */
  rank: z.number().int().positive(),
  /** Praise for a good signal, quoting where the trainee showed it. */
  keep: LocalText.optional(),
  /** For a bad signal: what to stop, and what to say instead. */
  stop: LocalText.optional(),
  /** Said instead of `stop` when the evidence carries no `{suggestion}`. */
  stop_unexplained: LocalText.optional(),
  /** The scenarios the line makes sense in; every scenario when absent. */
  only_in: z.array(Scenario).min(1).optional(),
});
export type SignalCoaching = z.infer<typeof SignalCoaching>;

export const SignalConfig = z.strictObject({
  id: SignalId,
  criterion: CriterionId,
  /**
   * Points added to the criterion's turn score when the signal fires (negative for faults).
   * Their sign is the signal's tone: above 0 good, below 0 bad, 0 neutral.
   */
  points: Points,
  label: SignalLabel,
  tags: z.array(SignalTag).default([]),
  /** The step of its scenario's process a `process_step` signal takes (see `processes`). */
  step: z.string().regex(/^[a-z_]+$/, 'a step id is lower-case letters and underscores').optional(),
  /** The session fails when this fires, whatever else was done: `overall` is capped at the conduct criterion's `fail_cap`. */
  fails_session: z.boolean().default(false),
  /** The signal fires when any of its detectors finds something. */
  detectors: z.array(DetectorConfig).min(1),
  /** Signals that fire too, on the same evidence (an insult also belittles: abusive → dismissive). */
  also: z.array(SignalId).default([]),
  /** Fires only once an earlier turn of the call said one of these (the customer asked what it costs). */
  only_after: EarlierSaid.optional(),
  /** Never fires once an earlier turn said one of these (the caller's identity was verified). */
  unless_after: EarlierSaid.optional(),
  feedback: z.strictObject({
    /** Said when the signal fires. `{evidence}` is what was said, `{suggestion}` a better way. */
    present: LocalText,
    /** Said when this positive signal is missing from a turn (a hint), if given. */
    absent: LocalText.optional(),
  }),
  /** Required for a good or a bad signal (`keep` or `stop`); a neutral one has none. */
  coaching: SignalCoaching.optional(),
});
export type SignalConfig = z.infer<typeof SignalConfig>;

/** A step of a scenario's process. */
export const ProcessStepConfig = z.strictObject({
  step: z.string().regex(/^[a-z_]+$/, 'a step id is lower-case letters and underscores'),
  /** The `process_step` signal that takes the step on a turn; a whole-call step has none. */
  signal: SignalId.optional(),
  /**
   * Covered by the whole call rather than a turn: taken when no signal tagged `disclosure`
   * fired in the call. It has no turn of its own and does not count for order.
   */
  whole_call: z.boolean().default(false),
  /** A whole-call step's short name (a turn step's is its signal's label). */
  label: SignalLabel.optional(),
  /** The step as a goal the trainee reads before and during the call. */
  goal: SignalLabel,
});
export type ProcessStepConfig = z.infer<typeof ProcessStepConfig>;

/** One scenario's process: its name, its steps in the order expected, and what is said when steps are missing or out of order. */
export const ProcessConfig = z.strictObject({
  name: SignalLabel,
  steps: z.array(ProcessStepConfig).min(1),
  feedback: z.strictObject({
    /** `{step}` is the first missing step's goal. */
    missing: LocalText,
    out_of_order: LocalText,
  }),
});
export type ProcessConfig = z.infer<typeof ProcessConfig>;

const NegationConfig = z.strictObject({
  negators: z.array(z.string().min(1)).min(1),
  /** Compounds that contain a negator without negating (不好意思, 別人). */
  not_negating: z.array(z.string().min(1)).default([]),
  /** Where a condition ends and its consequence begins: a negator before these does not reach past them. */
  breaks: z.array(z.string().min(1)).default([]),
  /** Look-back: characters for Chinese, words for English. */
  window: z.number().int().positive(),
});

const QuestionCueConfig = z.strictObject({
  particles: z.array(z.string().min(1)).default([]),
  yes_no: z.array(z.string().min(1)).default([]),
  invite: z.array(z.string().min(1)),
  closed: z.array(z.string().min(1)),
  short_fact: z.array(z.string().min(1)),
  open: z.array(z.string().min(1)),
  indefinite: z.array(z.string().min(1)).default([]),
  rhetorical: z.array(z.string().min(1)).default([]),
});

/** Cue words of what a customer's turn does (server/scoring/moments.ts). */
const MomentCueConfig = z.strictObject({
  emotion: z.array(z.string().min(1)).min(1),
  hardship: z.array(z.string().min(1)).default([]),
  facts: z.array(z.string().min(1)).default([]),
  /** Questions that vent rather than ask ("你们到底在搞什么？"): anger, not a question to answer. */
  venting: z.array(z.string().min(1)).default([]),
  /** Words that ask nothing by themselves ("hello?", "喂？"): a question of these alone is no question. */
  interjections: z.array(z.string().min(1)).default([]),
});

const MomentsConfig = z.strictObject({
  /** The signal or criterion ids whose hints each moment calls for; those named nowhere are always called for. */
  calls_for: z.strictObject({
    emotion: z.array(z.string().min(1)).default([]),
    question: z.array(z.string().min(1)).default([]),
    facts: z.array(z.string().min(1)).default([]),
  }),
  zh: MomentCueConfig,
  en: MomentCueConfig,
});

/** A good signal is praised, a bad one corrected, a neutral one left alone: the wording must fit. */
function coachingProblems(s: SignalConfig): Array<[string[], string]> {
  const c = s.coaching;
  if (s.points === 0) return c ? [[[], 'a signal worth no points is neither praised nor corrected: leave coaching out']] : [];
  if (!c) return [[[], `a signal worth ${s.points} points needs coaching: its rank and its ${s.points > 0 ? 'keep' : 'stop'} wording`]];
  const problems: Array<[string[], string]> = [];
  if (s.points > 0) {
    if (!c.keep) problems.push([['keep'], 'a signal worth points needs its keep wording']);
    if (c.stop) problems.push([['stop'], 'a signal worth points is never to be stopped: give keep instead']);
    if (c.stop_unexplained) problems.push([['stop_unexplained'], 'a signal worth points is never to be stopped']);
  } else {
    if (!c.stop) problems.push([['stop'], 'a signal that costs points needs its stop wording']);
    if (c.keep) problems.push([['keep'], 'a signal that costs points is never praised: give stop instead']);
  }
  return problems;
}

interface Problem {
  path: PropertyKey[];
  message: string;
}

/**
 * Each process step names a `process_step` signal of this rubric whose `step` is that step
 * (or is a whole-call step with a label and no signal); each step signal belongs to exactly
 * one process: the scenario it fires in.
 */
function processProblems(rubric: { processes: Partial<Record<Scenario, ProcessConfig>>; signals: SignalConfig[] }): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, Scenario>();
  for (const scenario of SCENARIOS) {
    const process = rubric.processes[scenario];
    if (!process) continue;
    const seenSteps = new Set<string>();
    process.steps.forEach((step, j) => {
      const at = (field: string): PropertyKey[] => ['processes', scenario, 'steps', j, field];
      if (seenSteps.has(step.step)) problems.push({ path: at('step'), message: `step "${step.step}" is given twice` });
      seenSteps.add(step.step);
      if (step.whole_call) {
        if (step.signal) problems.push({ path: at('signal'), message: 'a whole-call step has no signal: it is covered when no signal tagged disclosure fired' });
        if (!step.label) problems.push({ path: at('label'), message: 'a whole-call step needs its label' });
        return;
      }
      if (step.label) problems.push({ path: at('label'), message: "a turn step's label is its signal's: leave label out" });
      if (!step.signal) {
        problems.push({ path: at('signal'), message: 'a step names the signal that takes it (or is whole_call)' });
        return;
      }
      const signal = rubric.signals.find((s) => s.id === step.signal);
      if (!signal) {
        problems.push({ path: at('signal'), message: `no signal "${step.signal}" in this rubric` });
        return;
      }
      if (!signal.tags.includes('process_step') || signal.step !== step.step) {
        problems.push({ path: at('signal'), message: `signal "${step.signal}" must be tagged process_step with step: ${step.step}` });
      }
      const other = owner.get(step.signal);
      if (other) problems.push({ path: at('signal'), message: `signal "${step.signal}" is already a step of the ${other} process` });
      owner.set(step.signal, scenario);
    });
  }
  rubric.signals.forEach((s, i) => {
    if (s.tags.includes('process_step') && !owner.has(s.id)) problems.push({ path: ['signals', i, 'tags'], message: `process_step signal "${s.id}" is a step of no process in processes` });
  });
  return problems;
}

type RubricShape = { language: { moments?: z.infer<typeof MomentsConfig> }; criteria: Record<string, CriterionConfig> };

/** Moments name criteria or signal ids, and a criterion judged on moments needs them. */
function momentProblems(rubric: RubricShape): Array<[PropertyKey[], string]> {
  const problems: Array<[PropertyKey[], string]> = [];
  const moments = rubric.language.moments;
  for (const [id, c] of Object.entries(rubric.criteria)) {
    if (c.session === 'moments' && !moments) problems.push([['criteria', id, 'session'], 'a criterion judged on moments needs `language.moments`']);
  }
  for (const [kind, ids] of Object.entries(moments?.calls_for ?? {})) {
    // A signal id names the family of a signal (rubrics cut down for a test keep the moments of
    // the full one); a bare word must be a criterion.
    ids.forEach((id, j) => {
      if (!(id in rubric.criteria) && !SignalId.safeParse(id).success) problems.push([['language', 'moments', 'calls_for', kind, j], `"${id}" is neither a criterion nor a signal id`]);
    });
  }
  return problems;
}

/**
 * Model-assisted detection (server/graders/modelSignals.ts): which signals a model may
 * propose, each with a short definition it is given, and whether its accepted findings
 * count towards scores or are only shown beside them. A definition for a signal the rubric
 * does not have is left out when compiled (a rubric cut down from another keeps working).
 */
export const ModelSignalsConfig = z.strictObject({
  counts: z.boolean().default(false),
  definitions: z.record(SignalId, z.string().trim().min(1).max(400)).default({}),
});
export type ModelSignalsConfig = z.infer<typeof ModelSignalsConfig>;

export const RubricFile = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: LocalText,
    description: z.string().optional(),
    language: z.strictObject({
      negation: z.strictObject({ zh: NegationConfig, en: NegationConfig }),
      questions: z.strictObject({ zh: QuestionCueConfig, en: QuestionCueConfig }),
      moments: MomentsConfig.optional(),
    }),
    criteria: z.strictObject({
      empathy: CriterionConfig,
      active_listening: CriterionConfig,
      plain_language: CriterionConfig,
      complaint_process: CriterionConfig,
      conduct: CriterionConfig,
    }),
    /** Each scenario's process, keyed by scenario; a scenario left out gets no process score or feedback. */
    processes: z.partialRecord(Scenario, ProcessConfig).default({}),
    signals: z.array(SignalConfig).min(1),
    model_signals: ModelSignalsConfig.default({ counts: false, definitions: {} }),
    /** Trained sentence models added beside the rules: per model file, the signals it may fire and its threshold. */
    classifiers: z.array(z.strictObject({ model: z.string().regex(/^[\w.-]+\.json$/, 'a .json file name in rubrics/models/'), signals: z.array(z.string().min(1)).min(1), threshold: z.number().gt(0).lt(1), unless: WordLists.optional() })).default([]),
  })
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>();
    rubric.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'id'], message: `signal "${s.id}" is defined twice` });
      seen.add(s.id);
    });
    rubric.signals.forEach((s, i) => {
      const isStep = s.tags.includes('process_step');
      if (isStep && !s.step) ctx.addIssue({ code: 'custom', path: ['signals', i, 'step'], message: 'a process_step signal names its step' });
      if (!isStep && s.step) ctx.addIssue({ code: 'custom', path: ['signals', i, 'step'], message: 'only a signal tagged process_step takes a step' });
      coachingProblems(s).forEach(([field, message]) => ctx.addIssue({ code: 'custom', path: ['signals', i, 'coaching', ...field], message }));
      const twice = s.tags.find((t, j) => s.tags.indexOf(t) !== j);
      if (twice) ctx.addIssue({ code: 'custom', path: ['signals', i, 'tags'], message: `"${twice}" is given twice` });
    });
    if (rubric.signals.some((s) => s.fails_session) && rubric.criteria.conduct.fail_cap === undefined) {
      ctx.addIssue({ code: 'custom', path: ['criteria', 'conduct', 'fail_cap'], message: 'a signal fails the session: give the score a failed session is capped at' });
    }
    rubric.classifiers.forEach((c, i) =>
      c.signals.forEach((id, j) => {
        if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['classifiers', i, 'signals', j], message: `no signal "${id}" in this rubric` });
      }),
    );
    processProblems(rubric).forEach(({ path, message }) => ctx.addIssue({ code: 'custom', path, message }));
    momentProblems(rubric).forEach(([path, message]) => ctx.addIssue({ code: 'custom', path, message }));
    rubric.signals.forEach((s, i) =>
      s.also.forEach((other, j) => {
        if (!seen.has(other)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'also', j], message: `no signal "${other}" in this rubric` });
      }),
    );
  });
export type RubricFile = z.infer<typeof RubricFile>;

