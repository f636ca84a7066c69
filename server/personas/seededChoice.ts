/**
 * Choices a replay repeats exactly: each draw depends only on the session's seed, the turn
 * and what is being chosen, never on what was drawn before, so a session restored from
 * storage chooses as the original would have.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export function choose<T>(items: readonly T[], seed: number, turn: number, slot: string): T {
  if (items.length === 0) throw new Error('choose: nothing to choose from');
  let mix = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(turn + 1, 0x85ebca6b);
  for (let i = 0; i < slot.length; i++) mix = Math.imul(mix ^ slot.charCodeAt(i), 0xc2b2ae35);
  return items[uniformInt(xoroshiro128plus(mix), 0, items.length - 1)]!;
}

/** A fresh seed for a new session. */
export function newSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
