/**
 * A coach's view of a session's scores: the latest override of each criterion, and the
 * engine's summary with those applied. The engine's report itself is never changed; this is
 * what the review, the export and the progress chart show beside it. Pure.
 */
import type { Overridden } from '../domain/apiAnswers.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { CRITERIA, type CriterionId, type ScoreReport } from '../scoring/types.ts';
import type { CommentEntry, OverrideEntry, ReviewEntry } from '../domain/records.ts';

export type { Overridden };

export function commentsOf(entries: readonly ReviewEntry[]): CommentEntry[] {
  return entries.filter((e): e is CommentEntry => e.kind === 'comment');
}

export function overridesOf(entries: readonly ReviewEntry[]): OverrideEntry[] {
  return entries.filter((e): e is OverrideEntry => e.kind === 'override');
}

/** The latest override per criterion (entries come oldest first, so a later one wins). */
export function latestOverrides(entries: readonly ReviewEntry[]): Overridden {
  const latest: Overridden = {};
  for (const o of overridesOf(entries)) latest[o.criterion] = { score: o.score, reason: o.reason, by: o.authorName, at: o.at };
  return latest;
}

/**
 * The session's criterion scores with the coach's where there is one, and the overall
 * score weighted as the engine weighs it (the engine's own overall when nothing is overridden).
 */
export function scoresWithOverrides(
  rubric: Pick<CompiledRubric, 'criteria'>,
  summary: ScoreReport['summary'],
  overridden: Overridden,
): { criteria: Partial<Record<CriterionId, number>>; overall: number } {
  const criteria: Partial<Record<CriterionId, number>> = { ...summary.criteria };
  let changed = false;
  for (const id of CRITERIA) {
    const coach = overridden[id];
    if (coach) {
      criteria[id] = coach.score;
      changed = true;
    }
  }
  if (!changed) return { criteria, overall: summary.overall };
  let weighted = 0;
  let weights = 0;
  for (const id of CRITERIA) {
    const score = criteria[id];
    if (score === undefined) continue;
    weighted += score * rubric.criteria[id].weight;
    weights += rubric.criteria[id].weight;
  }
  return { criteria, overall: weights === 0 ? summary.overall : Math.round(weighted / weights) };
}
