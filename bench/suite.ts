/**
 * What a benchmark suite looks like to bench/run.ts: it runs with the shared options and
 * hands back report lines, targets met or not, and data for --json.
 */

export interface BenchOptions {
  warmupMs: number;
  durationMs: number;
  /** Concurrent clients for the load suite (--clients); the suite's default when absent. */
  clients?: number;
  /** Mean think time between turns for the load suite, ms (--think, in seconds); the suite's default when absent. */
  thinkMs?: number;
  /** Progress for the person waiting; run.ts sends it to stderr so --json output stays clean. */
  progress: (message: string) => void;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean;
}

export interface SuiteResult {
  name: string;
  title: string;
  /** The human report of this suite, without its title. */
  lines: string[];
  targets: Target[];
  data: unknown;
}

export interface Suite {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<SuiteResult>;
}
