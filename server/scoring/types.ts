/**
 * The public shapes of the rubric engine: transcripts in, score reports out.
 * These schemas are the single source of truth for the scoring contract; the CLI, the
 * server and the client derive their types from here.
 */
import { z } from 'zod';
import { Locale } from '../text/language.ts';
import { ProductSheet } from './productSheet.ts';

// A persona's product sheet is part of a transcript; the persona files name it from here too.
export { ProductSheet } from './productSheet.ts';

// The conversation languages belong to the text layer below scoring; the contract names them here too.
export { LOCALES, Locale, langOf, type Lang } from '../text/language.ts';

export const SCENARIOS = ['complaint', 'collection', 'third_party', 'application', 'general'] as const;
export const Scenario = z.enum(SCENARIOS);
export type Scenario = z.infer<typeof Scenario>;

export const CRITERIA = ['empathy', 'active_listening', 'plain_language', 'complaint_process', 'conduct'] as const;
export const CriterionId = z.enum(CRITERIA);
export type CriterionId = z.infer<typeof CriterionId>;

export const COMPLAINT_STEPS = ['acknowledge', 'investigate', 'negotiate', 'follow_up'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];

/**
 * The stable signal ids of the scoring contract: every rubric the server ships defines them
 * (a test checks the default one) and the evaluation harness measures them. A rubric may add
 * its own beside them; code never lists signals itself, it reads them, their labels and
 * their tags from the loaded rubric (server/scoring/rubric/signalTags.ts).
 */
export const SIGNAL_IDS = [
  'empathy.emotion',
  'empathy.interpretation',
  'empathy.exploration',
  'empathy.dismissive',
  'listening.reflection',
  'listening.open_question',
  'listening.closed_question',
  'plain.jargon',
  'plain.long_sentence',
  'complaint.acknowledge',
  'complaint.investigate',
  'complaint.negotiate',
  'complaint.follow_up',
  'conduct.threat',
  'conduct.third_party_disclosure',
  'conduct.false_promise',
  'conduct.abusive',
] as const;
export type ContractSignalId = (typeof SIGNAL_IDS)[number];
export const SignalId = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'a signal id looks like "family.name"');
export type SignalId = string;

export const Turn = z.looseObject({
  role: z.enum(['customer', 'trainee']),
  text: z.string().trim().min(1, 'must not be empty'),
});
export type Turn = z.infer<typeof Turn>;

export const Transcript = z.looseObject({
  locale: Locale.optional(),
  scenario: Scenario.optional(),
  persona: z.string().min(1).optional(),
  /** The persona's product sheet, when it has one: stated figures are checked against it. */
  product: ProductSheet.optional(),
  turns: z.array(Turn).min(1, 'needs at least one turn'),
});
export type Transcript = z.infer<typeof Transcript>;

export const Evidence = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  signal: SignalId,
  /** A plainer way to say it, where the rubric knows one (e.g. a jargon term's plain words). */
  suggestion: z.string().optional(),
  /**
   * Beyond the contract: "model" marks words a model proposed and the quote check accepted
   * (server/graders/modelSignals.ts); absent for the rules' own evidence.
   */
  source: z.literal('model').optional(),
  /** With `source: "model"`: whether the finding's points were added to the score (the rubric's `model_signals.counts`). */
  counted: z.boolean().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const CriterionScore = z.object({
  score: z.number().min(0).max(100),
  evidence: z.array(Evidence),
  feedback: z.string(),
});
export type CriterionScore = z.infer<typeof CriterionScore>;

/** How a turn listened: restatements and questions, counted one per sentence. */
export const TurnListening = z.object({
  reflections: z.number().int(),
  open_questions: z.number().int(),
  closed_questions: z.number().int(),
});
export type TurnListening = z.infer<typeof TurnListening>;

/** What the customer did in the turn a reply answers (server/scoring/moments.ts): several may hold, or none. */
export const Moment = z.object({ emotion: z.boolean(), question: z.boolean(), facts: z.boolean() });
export type Moment = z.infer<typeof Moment>;

export const TurnScore = z.object({
  index: z.number().int().nonnegative(),
  role: z.literal('trainee'),
  signals: z.array(SignalId),
  criteria: z.record(CriterionId, CriterionScore),
  listening: TurnListening,
  /** Absent from turn scores stored before moments were read. */
  moment: Moment.optional(),
});
export type TurnScore = z.infer<typeof TurnScore>;

/**
 * What a simulated customer reacts to in a scored turn: the rubric's view of the turn's
 * signals, read by server/scoring/turnReading.ts. Not part of the score report.
 */
/** The signals a persona may name: those of the rubric it is played against. */
export interface KnownSignals {
  rubric: string;
  ids: ReadonlySet<string>;
  /** The signals the rubric tags misconduct (threats, disclosure…): a persona must say how each moves its customer. */
  misconduct: ReadonlySet<string>;
  /** Each scenario's process, as step ids in order; a scenario without a process is absent. */
  processes: Partial<Record<Scenario, KnownProcess>>;
}

/** A scenario's process as a persona names it: its steps, and those judged on the whole call. */
export interface KnownProcess {
  steps: readonly string[];
  /** Steps kept by never being broken (third_party's no_disclosure), not taken on a turn. */
  wholeCall: readonly string[];
}

/** A step id of a scenario's process (`verify_identity`, `leave_callback`), as the contract's table names them. */
export const StepId = z.string().regex(/^[a-z_]+$/, 'a step id is lower-case letters and _');

export interface TurnReading {
  /** The signals the rubric tags misconduct that the turn fired (threats, abuse, disclosure…), in rubric order. */
  misconduct: SignalId[];
  /** The signals the rubric tags dismissive that the turn fired. */
  dismissive: SignalId[];
  /** The English label of each signal above, for the LLM customer's prompt. */
  labels: Record<SignalId, string>;
  /** A jargon term the customer will ask about, as the trainee wrote it. */
  jargonTerm: string | null;
  /** The steps of the call's own process the turn took, in the process's order (whole-call steps aside). */
  steps: string[];
  /** The whole-call steps of the call's process the turn kept (nothing said that breaks them). */
  kept: string[];
  /** The whole-call steps the turn broke (a disclosure breaks third_party's no_disclosure). */
  broken: string[];
  /** The turn asked an open question: what a hidden fact waits for unless its persona says otherwise. */
  openQuestion: boolean;
}

export interface ScoredTurn {
  score: TurnScore;
  reading: TurnReading;
}

/**
 * Scores the last turn of a transcript, the trainee's, with the customer's earlier turns as
 * context, and reads it: the one scoring call of a live turn (server/scoring/scorer.ts).
 */
export type ScoreTurn = (transcript: Transcript) => ScoredTurn;

export const ListeningSummary = TurnListening.extend({
  /** Reflections per question; null when the trainee asked no question. */
  reflection_to_question_ratio: z.number().nullable(),
  /** Share of questions that were open, 0 to 1; null when no question was asked. */
  open_question_share: z.number().nullable(),
});
export type ListeningSummary = z.infer<typeof ListeningSummary>;

export const ComplaintStepsSummary = z.object({
  covered: z.array(z.enum(COMPLAINT_STEPS)),
  in_order: z.boolean(),
  missing: z.array(z.enum(COMPLAINT_STEPS)),
});
export type ComplaintStepsSummary = z.infer<typeof ComplaintStepsSummary>;

/**
 * The call's own process (the rubric's `processes`, by the transcript's scenario): its steps in
 * order, those taken in the order first taken, the rest, and whether the taken ones kept order.
 */
export const ProcessSummary = z.object({
  scenario: Scenario,
  steps: z.array(z.string()),
  covered: z.array(z.string()),
  missing: z.array(z.string()),
  in_order: z.boolean(),
  /**
   * Beyond the contract: the rubric's process feedback in the report's locale, what was missed
   * (the first missing step's goal) and then whether the order held; absent when every step
   * was taken in order, and from reports made before it existed.
   */
  feedback: z.string().optional(),
});
export type ProcessSummary = z.infer<typeof ProcessSummary>;

/** Why a session failed: the signals the rubric marks `fails_session` that fired, and on which turns (input indices). */
export const SessionFailure = z.object({
  signals: z.array(SignalId),
  turns: z.array(z.number().int().nonnegative()),
});
export type SessionFailure = z.infer<typeof SessionFailure>;

export const ScoreReport = z.object({
  locale: Locale,
  rubric: z.string(),
  turns: z.array(TurnScore),
  summary: z.object({
    criteria: z.record(CriterionId, z.number().min(0).max(100)),
    complaint_steps: ComplaintStepsSummary,
    listening: ListeningSummary,
    overall: z.number().min(0).max(100),
    // The fields below came with the scenario processes; reports stored before them lack them.
    /** Absent for a transcript without a scenario, or a scenario the rubric has no process for. */
    process: ProcessSummary.optional(),
    /** Input turn indices; null with no trainee turn. A turn with a conduct fault is never best. */
    best_turn: z.number().int().nonnegative().nullable().optional(),
    weakest_turn: z.number().int().nonnegative().nullable().optional(),
    /** Set when a signal the rubric marks `fails_session` fired: `overall` is then capped. */
    failed: SessionFailure.nullable().optional(),
    /** The customer's emotional moments the trainee responded to with empathy: N of M. */
    empathy_moments: z.object({ responded: z.number().int().nonnegative(), of: z.number().int().nonnegative() }).optional(),
  }),
});
export type ScoreReport = z.infer<typeof ScoreReport>;
