/**
 * Conduct first: the faults of a session (threats, disclosure, abuse…) as the scorecard, the
 * replay and the print list them before anything else, and the failed-session verdict. A
 * conduct fault is a signal of the conduct criterion that costs points (signals.ts `isFault`).
 * Pure.
 */
import type { CriterionId, SessionFailure, TurnScore } from './contract.ts';

export interface ConductFault {
  signal: string;
  /** The turn's index in the transcript. */
  turnIndex: number;
  /** The trainee's reply number (1 for their first reply). */
  reply: number;
  /** What was said, as the evidence quotes it. */
  words: string[];
}

/** Every conduct fault of the session, reply by reply, in the order each reply's signals fired. */
export function conductFaults(turns: readonly TurnScore[], isFault: (signal: string) => boolean): ConductFault[] {
  return turns.flatMap((turn, i) =>
    [...new Set(turn.signals.filter(isFault))].map((signal) => ({
      signal,
      turnIndex: turn.index,
      reply: i + 1,
      words: [
        ...new Set(
          Object.values(turn.criteria)
            .flatMap((c) => c?.evidence ?? [])
            .filter((e) => e.signal === signal)
            .map((e) => e.text),
        ),
      ],
    })),
  );
}

/** A reply's signals with its conduct faults first, the rest in the order they fired. */
export function faultsFirst(signals: readonly string[], isFault: (signal: string) => boolean): string[] {
  return [...signals.filter(isFault), ...signals.filter((s) => !isFault(s))];
}

/** Criteria in their usual order, but conduct first when it holds a fault. */
export function conductFirst<T>(items: readonly T[], criterionOf: (item: T) => CriterionId, faulty: boolean): T[] {
  if (!faulty) return [...items];
  return [...items.filter((i) => criterionOf(i) === 'conduct'), ...items.filter((i) => criterionOf(i) !== 'conduct')];
}

/** Whether a reply holds a conduct fault. */
export function hasFault(turn: Pick<TurnScore, 'signals'>, isFault: (signal: string) => boolean): boolean {
  return turn.signals.some(isFault);
}

/**
 * Why the session failed, for its one sentence: the faults in the rubric's words and the
 * reply numbers where they were (a turn index the report does not score is left out).
 */
export function failureReasons(failed: SessionFailure, turns: readonly Pick<TurnScore, 'index'>[]): { signals: string[]; replies: number[] } {
  const replies = failed.turns.map((index) => turns.findIndex((t) => t.index === index) + 1).filter((n) => n > 0);
  return { signals: [...new Set(failed.signals)], replies: [...new Set(replies)].sort((a, b) => a - b) };
}
