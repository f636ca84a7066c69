/**
 * What the replay works out from a session: where the step-through is (a position in the
 * transcript), how far the mood chart has got at that position, each reply's number, the
 * comments of each turn, and the engine's and the coach's score side by side. Pure.
 */
import { conductFirst } from '../shared/conductFaults.ts';
import { CRITERIA, type CriterionId, type Evidence, type TurnScore } from '../shared/contract.ts';
import type { CommentEntry, ReviewedSession } from './coachApi.ts';

type Turn = ReviewedSession['turns'][number];

/** A move of the step-through, clamped to the transcript. */
export function stepTo(position: number, move: 'first' | 'previous' | 'next' | 'last', count: number): number {
  if (count === 0) return 0;
  switch (move) {
    case 'first':
      return 0;
    case 'previous':
      return Math.max(0, position - 1);
    case 'next':
      return Math.min(count - 1, position + 1);
    case 'last':
      return count - 1;
  }
}

/**
 * The trainee's replies up to and including the turn at `position`: the mood chart's x
 * (0 at the opening, 1 after the first reply…).
 */
export function repliesUpTo(turns: readonly Pick<Turn, 'role'>[], position: number): number {
  return turns.slice(0, position + 1).filter((t) => t.role === 'trainee').length;
}

/** Each trainee turn's reply number (1 for the first), by transcript index. */
export function replyNumbers(turns: readonly Pick<Turn, 'role' | 'index'>[]): Map<number, number> {
  const numbers = new Map<number, number>();
  for (const t of turns) if (t.role === 'trainee') numbers.set(t.index, numbers.size + 1);
  return numbers;
}

export function commentsByTurn(comments: readonly CommentEntry[]): Map<number, CommentEntry[]> {
  const byTurn = new Map<number, CommentEntry[]>();
  for (const c of [...comments].sort((a, b) => a.at.localeCompare(b.at))) {
    byTurn.set(c.turnIndex, [...(byTurn.get(c.turnIndex) ?? []), c]);
  }
  return byTurn;
}

/** Every piece of evidence a reply's criteria found, for highlighting its text. */
export function evidenceOf(score: TurnScore): Evidence[] {
  return Object.values(score.criteria).flatMap((c) => c?.evidence ?? []);
}

export interface CriterionLine {
  criterion: CriterionId;
  engine: number;
  /** The coach's score: the latest override, or null. */
  coach: ReviewedSession['overridden'][CriterionId] | null;
  /** Who gave the coach's score, by name (the override entry's author). */
  author: string | null;
  /** How many times it was overridden. */
  overrides: number;
}

/**
 * The session's criteria, in the rubric's order (conduct first when the session has a conduct
 * fault): the engine's score beside the coach's.
 */
export function criterionLines(session: Pick<ReviewedSession, 'report' | 'overridden' | 'overrides'>, faulty = false): CriterionLine[] {
  return conductFirst(CRITERIA, (c) => c, faulty).flatMap((criterion) => {
    const engine = session.report.summary.criteria[criterion];
    if (engine === undefined) return [];
    const coach = session.overridden[criterion] ?? null;
    const entries = session.overrides.filter((o) => o.criterion === criterion);
    const latest = entries.at(-1);
    return [{ criterion, engine, coach, author: coach ? (latest?.authorName ?? coach.by) : null, overrides: entries.length }];
  });
}
