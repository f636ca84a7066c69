// Unit tests of the agreement figures, against small examples worked out by hand and
// published kappa values.
import { describe, it, expect } from 'vitest';
import {
  binaryKappa,
  binaryStats,
  cohenKappa,
  confusion,
  displayWidth,
  f1,
  formatNumber,
  formatTable,
  perLabelConfusion,
  precision,
  rate,
  recall,
  tally,
  emptyConfusion,
  type Confusion,
} from './metrics.ts';

/** Expands a 2x2 table into two rater columns (a = both yes, b = gold yes only, c = predicted yes only, d = both no). */
function raters(a: number, b: number, c: number, d: number): { gold: boolean[]; predicted: boolean[] } {
  const gold: boolean[] = [];
  const predicted: boolean[] = [];
  const push = (count: number, g: boolean, p: boolean) => {
    for (let i = 0; i < count; i++) {
      gold.push(g);
      predicted.push(p);
    }
  };
  push(a, true, true);
  push(b, true, false);
  push(c, false, true);
  push(d, false, false);
  return { gold, predicted };
}

describe('confusion counts', () => {
  it('counts each combination of gold and prediction', () => {
    const c = confusion([true, true, false, false, true], [true, false, true, false, true]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
  });

  it('tally does not change its argument', () => {
    const start = emptyConfusion();
    const next = tally(start, true, false);
    expect(start).toEqual({ tp: 0, fp: 0, fn: 0, tn: 0 });
    expect(next).toEqual({ tp: 0, fp: 0, fn: 1, tn: 0 });
  });

  it('refuses raters of different lengths', () => {
    expect(() => confusion([true], [true, false])).toThrow(/number of items/);
  });

  it('gives every label its own counts in multi-label data', () => {
    const gold = [new Set(['a', 'b']), new Set<string>(), new Set(['b'])];
    const predicted = [new Set(['a']), new Set(['c']), new Set(['b'])];
    const byLabel = perLabelConfusion(gold, predicted, ['a', 'b', 'c', 'd']);
    expect(byLabel.get('a')).toEqual({ tp: 1, fp: 0, fn: 0, tn: 2 });
    expect(byLabel.get('b')).toEqual({ tp: 1, fp: 0, fn: 1, tn: 1 });
    expect(byLabel.get('c')).toEqual({ tp: 0, fp: 1, fn: 0, tn: 2 });
    expect(byLabel.get('d')).toEqual({ tp: 0, fp: 0, fn: 0, tn: 3 });
  });
});

describe('precision, recall and F1', () => {
  it('match a hand-computed example', () => {
    // tp 2, fp 1, fn 1: P = R = 2/3, F1 = 4/6.
    const c: Confusion = { tp: 2, fp: 1, fn: 1, tn: 1 };
    expect(precision(c)).toBeCloseTo(2 / 3, 10);
    expect(recall(c)).toBeCloseTo(2 / 3, 10);
    expect(f1(c)).toBeCloseTo(2 / 3, 10);
  });

  it('F1 is the harmonic mean when precision and recall differ', () => {
    // tp 3, fp 1, fn 3: P = 0.75, R = 0.5, F1 = 2*0.375/1.25 = 0.6.
    const c: Confusion = { tp: 3, fp: 1, fn: 3, tn: 10 };
    expect(precision(c)).toBeCloseTo(0.75, 10);
    expect(recall(c)).toBeCloseTo(0.5, 10);
    expect(f1(c)).toBeCloseTo(0.6, 10);
  });

  it('F1 is 1 when gold has no positives and nothing is predicted', () => {
    const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 7 };
    expect(f1(c)).toBe(1);
    expect(precision(c)).toBeNull();
    expect(recall(c)).toBeNull();
  });

  it('F1 is 0 for a false alarm on a label gold never uses', () => {
    const c: Confusion = { tp: 0, fp: 1, fn: 0, tn: 6 };
    expect(f1(c)).toBe(0);
    expect(precision(c)).toBe(0);
    expect(recall(c)).toBeNull();
  });

  it('F1 is 0 when every positive is missed', () => {
    const c: Confusion = { tp: 0, fp: 0, fn: 2, tn: 5 };
    expect(f1(c)).toBe(0);
    expect(precision(c)).toBeNull();
    expect(recall(c)).toBe(0);
  });

  it('binaryStats reports n, positives and predictions', () => {
    const s = binaryStats({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(s.n).toBe(5);
    expect(s.positives).toBe(3);
    expect(s.predicted).toBe(3);
    // po = 3/5, pe = 0.6*0.6 + 0.4*0.4 = 0.52, kappa = 0.08/0.48.
    expect(s.kappa).toBeCloseTo(1 / 6, 10);
  });
});

describe("Cohen's kappa", () => {
  it('reproduces the textbook 2x2 example (20/5/10/15 -> 0.4)', () => {
    const { gold, predicted } = raters(20, 5, 10, 15);
    expect(cohenKappa(gold, predicted)).toBeCloseTo(0.4, 10);
    expect(binaryKappa(confusion(gold, predicted))).toBeCloseTo(0.4, 10);
  });

  it('reproduces the equal-agreement, different-kappa pair (0.1304 and 0.2593)', () => {
    const first = raters(45, 15, 25, 15);
    const second = raters(25, 35, 5, 35);
    expect(cohenKappa(first.gold, first.predicted)).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(second.gold, second.predicted)).toBeCloseTo(0.2593, 4);
  });

  it('handles three categories', () => {
    // Rows rater A, columns rater B: x [4,1,0], y [1,3,1], z [0,1,4].
    // po = 11/15, marginals all 5/15, pe = 1/3, kappa = (11/15 - 5/15) / (10/15) = 0.6.
    const pairs: [string, string, number][] = [
      ['x', 'x', 4], ['x', 'y', 1],
      ['y', 'x', 1], ['y', 'y', 3], ['y', 'z', 1],
      ['z', 'y', 1], ['z', 'z', 4],
    ];
    const a: string[] = [];
    const b: string[] = [];
    for (const [ra, rb, count] of pairs) {
      for (let i = 0; i < count; i++) {
        a.push(ra);
        b.push(rb);
      }
    }
    expect(cohenKappa(a, b)).toBeCloseTo(0.6, 10);
  });

  it('counts categories only one rater used', () => {
    // A: x x y y, B: x z y y. po = 3/4; pe = (2/4)(1/4) + (2/4)(2/4) = 3/8; kappa = (3/8)/(5/8) = 0.6.
    expect(cohenKappa(['x', 'x', 'y', 'y'], ['x', 'z', 'y', 'y'])).toBeCloseTo(0.6, 10);
  });

  it('is 1 for perfect agreement and -1 for perfect disagreement on balanced labels', () => {
    expect(cohenKappa([1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
    expect(cohenKappa([true, false], [false, true])).toBe(-1);
  });

  it('is undefined when both raters use one and the same label throughout', () => {
    expect(cohenKappa(['x', 'x'], ['x', 'x'])).toBeNull();
    expect(binaryKappa({ tp: 0, fp: 0, fn: 0, tn: 4 })).toBeNull();
    expect(cohenKappa([], [])).toBeNull();
  });
});

describe('formatting', () => {
  it('prints undefined figures as a dash and rounds the rest', () => {
    expect(formatNumber(null)).toBe('-');
    expect(formatNumber(2 / 3)).toBe('0.67');
    expect(formatNumber(0.5, 3)).toBe('0.500');
  });

  it('rate is undefined for an empty group', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });

  it('lines up a table with numbers on the right and text on the left', () => {
    const table = formatTable(['signal', 'n', 'F1'], [
      ['empathy.emotion', 12, 0.91666],
      ['plain.jargon', 3, null],
    ]);
    expect(table.split('\n')).toEqual([
      'signal            n    F1',
      '---------------  --  ----',
      'empathy.emotion  12  0.92',
      'plain.jargon      3     -',
    ]);
  });

  it('gives ratio columns fixed decimals, whole numbers included', () => {
    const table = formatTable(['signal', { header: 'F1', decimals: 2 }], [['a', 1], ['b', 0.5], ['c', null]]);
    expect(table.split('\n')).toEqual(['signal    F1', '------  ----', 'a       1.00', 'b       0.50', 'c          -']);
  });

  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('您好')).toBe(4);
    expect(displayWidth('ok，好')).toBe(6);
    const table = formatTable(['text', 'n'], [['您好', 1], ['hello', 2]]);
    expect(table.split('\n')).toEqual(['text   n', '-----  -', '您好   1', 'hello  2']);
  });
});
