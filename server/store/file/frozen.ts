/**
 * The file store keeps its records frozen, all the way down, so it can hand the same objects
 * to every caller without copying them: nobody can change what it holds (an attempt throws
 * in strict code), and a read costs no more than the array that lists them.
 */

export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
