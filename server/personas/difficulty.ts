/**
 * What easy, medium and hard mean for a simulated customer, as data: how patient they are,
 * how fast anger rises, how jargon lands, what it takes to earn a hidden fact, and when they
 * escalate or give up. A persona file names its difficulty and gets these values; it may
 * override any of them (`temper:`, `end.escalate`, `end.abandon.after_turns`) and then says
 * so in the file. This table is the one place QA reads to know what a level means.
 */
import { z } from 'zod';
import { MoodValue } from '../domain/mood.ts';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

/** How a customer takes what the trainee says; every field defaults from the persona's difficulty. */
export const Temper = z.strictObject({
  /** Anger added every turn on top of `mood.each_turn`: time spent without progress wears patience thin. */
  impatience: z.number().min(0).max(3).optional(),
  /** Multiplies every rise in anger a signal causes (a threat, a brush-off): 1 is as the file says. */
  anger_rise: z.number().min(0.25).max(3).optional(),
  /** Multiplies every rise in confusion a signal causes, so jargon and long sentences land harder or softer. */
  confusion_rise: z.number().min(0.25).max(3).optional(),
  /** Trust the customer must feel before any hidden fact comes out, however good the question. */
  reveal_trust_at_least: MoodValue.optional(),
});
export type Temper = Required<z.infer<typeof Temper>>;

export interface DifficultyDefaults {
  temper: Temper;
  /** Escalates when anger is at least this for this many turns in a row. */
  escalate: { anger_at_least: number; for_turns: number };
  /** Gives up after this many trainee turns without an end. */
  abandon: { after_turns: number };
}

export const DIFFICULTY_DEFAULTS: Readonly<Record<Difficulty, DifficultyDefaults>> = {
  // Forgiving: slips cost less, jargon barely confuses, facts come to any fitting question,
  // and only sustained fury ends the call.
  easy: {
    temper: { impatience: 0, anger_rise: 0.75, confusion_rise: 0.5, reveal_trust_at_least: 0 },
    escalate: { anger_at_least: 10, for_turns: 3 },
    abandon: { after_turns: 12 },
  },
  // As the persona file says: its effects are the baseline.
  medium: {
    temper: { impatience: 0, anger_rise: 1, confusion_rise: 1, reveal_trust_at_least: 0 },
    escalate: { anger_at_least: 9, for_turns: 2 },
    abandon: { after_turns: 10 },
  },
  // Short-fused: every turn costs patience, slips and jargon hurt half as much again, facts
  // wait until trust is earned, and one turn at the top ends the call.
  hard: {
    temper: { impatience: 0.3, anger_rise: 1.5, confusion_rise: 1.5, reveal_trust_at_least: 4 },
    escalate: { anger_at_least: 8, for_turns: 1 },
    abandon: { after_turns: 8 },
  },
};

/** The fields of a persona file this table fills in when the file leaves them out. */
interface Tempered {
  difficulty: Difficulty;
  temper?: z.infer<typeof Temper> | undefined;
  end: { escalate?: { anger_at_least?: number | undefined; for_turns?: number | undefined } | undefined; abandon: { after_turns?: number | undefined } };
}

const defined = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The customer's temper: the difficulty's, with what the persona file overrides. */
export function temperOf(p: Tempered): Temper {
  return { ...DIFFICULTY_DEFAULTS[p.difficulty].temper, ...defined(p.temper) };
}

/** When the customer escalates: the difficulty's, with what the persona file overrides. */
export function escalationOf(p: Tempered): DifficultyDefaults['escalate'] {
  return { ...DIFFICULTY_DEFAULTS[p.difficulty].escalate, ...defined(p.end.escalate) };
}

/** After how many trainee turns the customer gives up. */
export function patienceOf(p: Tempered): number {
  return p.end.abandon.after_turns ?? DIFFICULTY_DEFAULTS[p.difficulty].abandon.after_turns;
}
