/**
 * Where a simulated customer stands in a conversation: mood, the complaint steps the
 * trainee has taken them through, the facts revealed, and whether it has ended. Plain
 * data, so a session can be stored and resumed anywhere.
 */
import type { ComplaintStep, Locale } from '../scoring/types.ts';
import type { Mood } from './mood.ts';

export const OUTCOMES = ['resolved', 'escalated', 'abandoned'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface CustomerState {
  personaId: string;
  personaVersion: number;
  locale: Locale;
  /** Seeds every choice of line, so a replay gives the same customer. */
  seed: number;
  mood: Mood;
  /** Complaint steps reached, in the order the trainee took them. */
  steps: ComplaintStep[];
  revealed: string[];
  /** How many earlier replies carried each signal: soothing words wear off with repetition. */
  heard: Record<string, number>;
  /** Consecutive trainee turns with anger at the escalation threshold. */
  hotTurns: number;
  /** Consecutive trainee turns with confusion at the give-up threshold. */
  lostTurns: number;
  traineeTurns: number;
  outcome: Outcome | null;
}
