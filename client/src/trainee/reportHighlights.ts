/**
 * What the scorecard draws from a session's turns: the customer's mood turn by turn. The
 * best and the weakest reply are picked in bestReply.ts, the steps in callProcess.ts.
 */
import type { MoodPoint } from '../shared/components/MoodChart.tsx';

export interface TurnView {
  index: number;
  role: 'customer' | 'trainee';
  text: string;
  mood?: MoodPoint['mood'];
}

/** The mood at the start (0) and after each of the trainee's replies (1, 2…). */
export function moodPoints(turns: readonly TurnView[]): MoodPoint[] {
  const points: MoodPoint[] = [];
  let replies = 0;
  for (const t of [...turns].sort((a, b) => a.index - b.index)) {
    if (t.role === 'trainee') replies++;
    else if (t.mood) points.push({ turn: replies, mood: t.mood });
  }
  return points;
}
