/**
 * Adjacent pairs of UTF-16 code units, as numbers: a cheap test that two texts can share
 * no piece two or more units long. If `text` holds none of the pairs of `other`, no piece of
 * `other` of length 2 or more occurs in `text`. Detectors use it to skip segmenting a turn
 * (Intl.Segmenter, the costliest step of reading Chinese) when no word of it could be found.
 */

function pairAt(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}

export function charPairs(text: string): Set<number> {
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) pairs.add(pairAt(text, i));
  return pairs;
}

/** Whether `text` holds any of the pairs of another text (`charPairs`). */
export function sharesPair(text: string, pairs: ReadonlySet<number>): boolean {
  for (let i = 0; i + 1 < text.length; i++) if (pairs.has(pairAt(text, i))) return true;
  return false;
}
