/**
 * A trainee's progress as chart lines: for each criterion, its score in each ended session
 * (1 for the first session), with gaps where a session did not score it. Pure.
 */
import { CRITERIA, type CriterionId, type ProgressPoint } from '../shared/contract.ts';

export interface Series {
  criterion: CriterionId;
  points: Array<{ session: number; score: number }>;
}

export function progressSeries(sessions: readonly Pick<ProgressPoint, 'criteria'>[]): Series[] {
  return CRITERIA.map((criterion) => ({
    criterion,
    points: sessions.flatMap((s, i) => {
      const score = s.criteria[criterion];
      return score === undefined ? [] : [{ session: i + 1, score: Math.round(score) }];
    }),
  })).filter((s) => s.points.length > 0);
}

/** First and latest score of a line: what the chart's text alternative says of it. */
export function trendOf(series: Series): { first: number; latest: number } | null {
  const first = series.points[0];
  const latest = series.points.at(-1);
  return first && latest ? { first: first.score, latest: latest.score } : null;
}
