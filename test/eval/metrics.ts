// Agreement figures for the evaluation harness: confusion counts, precision, recall, F1,
// Cohen's kappa and a plain-text table formatter. Pure functions, no I/O.

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryStats extends Confusion {
  /** Items compared. */
  n: number;
  /** Items the gold labels mark positive. */
  positives: number;
  /** Items the system marks positive. */
  predicted: number;
  /** null when nothing was predicted positive. */
  precision: number | null;
  /** null when gold has no positives. */
  recall: number | null;
  f1: number;
  /** null when chance agreement is total (both raters used one and the same label throughout). */
  kappa: number | null;
}

export function emptyConfusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Returns a new confusion with one more item counted. */
export function tally(c: Confusion, gold: boolean, predicted: boolean): Confusion {
  if (gold && predicted) return { ...c, tp: c.tp + 1 };
  if (!gold && predicted) return { ...c, fp: c.fp + 1 };
  if (gold && !predicted) return { ...c, fn: c.fn + 1 };
  return { ...c, tn: c.tn + 1 };
}

export function confusion(gold: readonly boolean[], predicted: readonly boolean[]): Confusion {
  assertSameLength(gold, predicted);
  let c = emptyConfusion();
  for (let i = 0; i < gold.length; i++) c = tally(c, gold[i]!, predicted[i]!);
  return c;
}

/**
 * One confusion per label for multi-label items (each item carries a set of labels).
 * Every label in `labels` gets an entry, even one that never occurs, so absent labels
 * still show their false positives.
 */
export function perLabelConfusion<L>(
  gold: readonly ReadonlySet<L>[],
  predicted: readonly ReadonlySet<L>[],
  labels: readonly L[],
): Map<L, Confusion> {
  assertSameLength(gold, predicted);
  const out = new Map<L, Confusion>();
  for (const label of labels) {
    out.set(
      label,
      confusion(
        gold.map((g) => g.has(label)),
        predicted.map((p) => p.has(label)),
      ),
    );
  }
  return out;
}

export function total(c: Confusion): number {
  return c.tp + c.fp + c.fn + c.tn;
}

export function precision(c: Confusion): number | null {
  const predicted = c.tp + c.fp;
  return predicted === 0 ? null : c.tp / predicted;
}

export function recall(c: Confusion): number | null {
  const positives = c.tp + c.fn;
  return positives === 0 ? null : c.tp / positives;
}

/**
 * F1 = 2TP / (2TP + FP + FN): the harmonic mean of precision and recall where both exist,
 * 0 when there are positives or predictions but no hit, and 1 when gold has no positives
 * and nothing was predicted (a signal correctly never raised is a perfect score).
 */
export function f1(c: Confusion): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 1 : (2 * c.tp) / denominator;
}

/** Cohen's kappa from a 2x2 confusion (gold as one rater, the system as the other). */
export function binaryKappa(c: Confusion): number | null {
  const n = total(c);
  if (n === 0) return null;
  const observed = (c.tp + c.tn) / n;
  const goldYes = (c.tp + c.fn) / n;
  const predYes = (c.tp + c.fp) / n;
  const expected = goldYes * predYes + (1 - goldYes) * (1 - predYes);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/** Cohen's kappa for two raters over any set of categories (binary or multi-class). */
export function cohenKappa<T>(raterA: readonly T[], raterB: readonly T[]): number | null {
  assertSameLength(raterA, raterB);
  const n = raterA.length;
  if (n === 0) return null;
  const countA = new Map<T, number>();
  const countB = new Map<T, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const a = raterA[i]!;
    const b = raterB[i]!;
    if (a === b) agree++;
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [category, a] of countA) expected += (a / n) * ((countB.get(category) ?? 0) / n);
  const observed = agree / n;
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

export function binaryStats(c: Confusion): BinaryStats {
  return {
    ...c,
    n: total(c),
    positives: c.tp + c.fn,
    predicted: c.tp + c.fp,
    precision: precision(c),
    recall: recall(c),
    f1: f1(c),
    kappa: binaryKappa(c),
  };
}

/** Share of items with `hits`, or null for an empty group. */
export function rate(hits: number, n: number): number | null {
  return n === 0 ? null : hits / n;
}

/** A figure for a table: fixed decimals, "-" where the figure is undefined. */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

export type Cell = string | number | null;

/** A column: its header, and for figures that are ratios, the decimals every value gets (so 1 prints as 1.00). */
export type Column = string | { header: string; decimals: number };

/**
 * A plain-text table: a header row, a rule, then the rows. Numbers are right-aligned,
 * text left-aligned; null prints as "-". Whole numbers print as they are unless the
 * column fixes its decimals; other numbers get `digits` decimals. Chinese characters
 * count as two columns so mixed-script tables line up in a terminal.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], digits = 2): string {
  const headers = columns.map((c) => (typeof c === 'string' ? c : c.header));
  const decimals = columns.map((c) => (typeof c === 'string' ? null : c.decimals));
  const text = rows.map((row) => headers.map((_, i) => cellText(row[i] ?? null, decimals[i] ?? null, digits)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === null || row[i] === undefined));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...text.map((row) => displayWidth(row[i]!))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

function cellText(cell: Cell, fixed: number | null, digits: number): string {
  if (cell === null) return '-';
  if (typeof cell === 'string') return cell;
  if (fixed !== null) return formatNumber(cell, fixed);
  return Number.isInteger(cell) ? String(cell) : formatNumber(cell, digits);
}

/** Terminal columns taken by a string: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

function assertSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`raters disagree on the number of items: ${a.length} vs ${b.length}`);
}
