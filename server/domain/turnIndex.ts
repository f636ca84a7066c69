/**
 * Where a turn stands in a session: by its `index`, not by its place in the list. The two
 * are the same until a line of a session file is lost to damage (server/store/file/
 * sessionFiles.ts): the turns after it keep their indexes, so the transcript shows a gap
 * where the lost turn was, a coach's comment on turn 7 still points at turn 7, and the next
 * turn takes the index after the last one, never a lost one's.
 */
import type { StoredTurn } from './records.ts';

type Indexed = Pick<StoredTurn, 'index'>;

/** The index the next turn takes: one past the last stored. */
export function nextTurnIndex(turns: readonly Indexed[]): number {
  return (turns.at(-1)?.index ?? -1) + 1;
}

/** The stored turn with this index, if any (turns are in index order, perhaps with a gap). */
export function turnAt<T extends Indexed>(turns: readonly T[], index: number): T | undefined {
  const placed = turns[index];
  // Without a gap, its place is its index.
  if (placed?.index === index) return placed;
  return turns.find((t) => t.index === index);
}
