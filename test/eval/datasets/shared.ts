// What the public-dataset measurements have in common: where the data lives, reading CSVs,
// the report shape each dataset returns, and the "skipped" result for a missing folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../ownCases.ts';
import { binaryStats, rate, tally, emptyConfusion, type BinaryStats, type Confusion } from '../metrics.ts';

/** The shared datasets folder: $SPARRING_DATASETS, else ../shared/datasets beside the repository. */
export function datasetsDir(): string {
  return process.env['SPARRING_DATASETS'] || path.resolve(repoRoot, '..', 'shared', 'datasets');
}

/** One gold label set against one engine signal (or group of signals). */
export interface Comparison extends BinaryStats {
  label: string;
}

/** How often the engine fired for items of each gold level (graded or per-category labels). */
export interface LevelRate {
  comparison: string;
  level: string;
  n: number;
  detected: number;
  rate: number | null;
}

/** A kappa that is not a plain binary comparison (multi-class, or a human ceiling). */
export interface Agreement {
  label: string;
  n: number;
  kappa: number | null;
}

export interface DatasetResult {
  name: string;
  /** One line: what is compared with what. */
  description: string;
  status: 'ok';
  items: number;
  comparisons: Comparison[];
  levels: LevelRate[];
  agreements: Agreement[];
  /** Data handling worth knowing when reading the figures (dropped rows, sampling). */
  notes: string[];
  seconds: number;
}

export interface SkippedDataset {
  name: string;
  description: string;
  status: 'skipped';
  reason: string;
}

export type DatasetReport = DatasetResult | SkippedDataset;

export function skipped(name: string, description: string, reason: string): SkippedDataset {
  return { name, description, status: 'skipped', reason };
}

/** The first of the files that is missing, as a skip reason, or null when all are there. */
export function missingFiles(folder: string, files: readonly string[]): string | null {
  if (!existsSync(folder)) return `skipped: folder ${folder} not found (set SPARRING_DATASETS)`;
  const absent = files.filter((f) => !existsSync(path.join(folder, f)));
  return absent.length === 0 ? null : `skipped: ${absent.join(', ')} not found in ${folder}`;
}

export type CsvRow = Record<string, string>;

/** Reads a CSV with a header row into records; strips a leading BOM from the file and from any cell. */
export function readCsv(file: string): CsvRow[] {
  const rows = parse<CsvRow>(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true });
  for (const row of rows) {
    for (const key of Object.keys(row)) row[key] = row[key]!.replace(/^\uFEFF/, '');
  }
  return rows;
}

/** Accumulates gold/predicted pairs into a binary comparison, plus detection rate by gold level. */
export class ComparisonTally {
  private counts: Confusion = emptyConfusion();
  private readonly byLevel = new Map<string, { n: number; detected: number }>();

  constructor(readonly label: string) {}

  add(gold: boolean, predicted: boolean, level?: string): void {
    this.counts = tally(this.counts, gold, predicted);
    if (level === undefined) return;
    const entry = this.byLevel.get(level) ?? { n: 0, detected: 0 };
    entry.n++;
    if (predicted) entry.detected++;
    this.byLevel.set(level, entry);
  }

  comparison(): Comparison {
    return { label: this.label, ...binaryStats(this.counts) };
  }

  levels(): LevelRate[] {
    return [...this.byLevel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([level, { n, detected }]) => ({ comparison: this.label, level, n, detected, rate: rate(detected, n) }));
  }
}

/** True when the engine raised any of the signals. */
export function anyOf(raised: ReadonlySet<string>, signals: readonly string[]): boolean {
  return signals.some((s) => raised.has(s));
}

export function elapsedSeconds(startMs: number): number {
  return Math.round((performance.now() - startMs) / 10) / 100;
}
