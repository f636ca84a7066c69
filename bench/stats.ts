/**
 * Timing primitives shared by the benchmark suites: a warm-up, a fixed-duration loop that
 * times every single call with process.hrtime.bigint, and a summary of what it recorded
 * (throughput, percentiles, CPU time against wall time).
 */

export interface Samples {
  /** Latency of each call in nanoseconds; only the first `count` entries are filled. */
  latenciesNs: Float64Array;
  count: number;
  /** Wall time of the whole loop; equals the sum of the latencies (see timeLoop). */
  wallNs: number;
  /** User + system CPU time of the whole process, all threads, during the loop. */
  cpuNs: number;
}

export interface LatencySummary {
  calls: number;
  /** Calls per second of wall-clock time. */
  perSecond: number;
  /** Calls per second of process CPU time: lower than perSecond when helper threads work too. */
  perCpuSecond: number;
  /** Process CPU time over wall time: about 1 for one busy thread, more when helpers join in. */
  cpuPerWall: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const NS_PER_MS = 1e6;

/** Calls `call(0)`, `call(1)`, … for `ms` milliseconds without recording, so V8 has optimised the code before timing. */
export function warmUp(call: (i: number) => void, ms: number): number {
  const end = process.hrtime.bigint() + BigInt(Math.round(ms * NS_PER_MS));
  let i = 0;
  // Checking the clock every call costs little next to a scored reply, and keeps the end exact.
  while (process.hrtime.bigint() < end) call(i++);
  return i;
}

/**
 * Calls `call(0)`, `call(1)`, … for `ms` milliseconds and records how long each call took.
 * One clock read per call: each call's end is the next call's start, so the loop's own
 * bookkeeping lands in the samples rather than vanishing, and the samples add up to the wall
 * time exactly (throughput and latency then describe the same run).
 */
export function timeLoop(call: (i: number) => void, ms: number): Samples {
  let latencies: Float64Array = new Float64Array(1 << 16);
  let count = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * NS_PER_MS));
  let previous = start;
  for (;;) {
    call(count);
    const now = process.hrtime.bigint();
    if (count === latencies.length) latencies = grow(latencies);
    latencies[count++] = Number(now - previous);
    previous = now;
    if (now >= end) break;
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    latenciesNs: latencies,
    count,
    wallNs: Number(previous - start),
    cpuNs: (cpu.user + cpu.system) * 1e3,
  };
}

function grow(a: Float64Array): Float64Array {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** Nearest-rank percentile (p in 0..100) of ascending values: a value that was really observed. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: Samples): LatencySummary {
  const sorted = samples.latenciesNs.slice(0, samples.count).sort();
  const wallS = samples.wallNs / 1e9;
  const cpuS = samples.cpuNs / 1e9;
  return {
    calls: samples.count,
    perSecond: samples.count / wallS,
    perCpuSecond: cpuS > 0 ? samples.count / cpuS : Number.NaN,
    cpuPerWall: cpuS / wallS,
    meanMs: samples.wallNs / samples.count / NS_PER_MS,
    p50Ms: percentile(sorted, 50) / NS_PER_MS,
    p99Ms: percentile(sorted, 99) / NS_PER_MS,
    maxMs: (sorted[sorted.length - 1] ?? Number.NaN) / NS_PER_MS,
  };
}

/** Several runs as one, e.g. every locale together: calls and time add up, percentiles come from all samples. */
export function mergeSamples(runs: readonly Samples[]): Samples {
  const count = runs.reduce((n, r) => n + r.count, 0);
  const latenciesNs = new Float64Array(count);
  let at = 0;
  for (const r of runs) {
    latenciesNs.set(r.latenciesNs.subarray(0, r.count), at);
    at += r.count;
  }
  return {
    latenciesNs,
    count,
    wallNs: runs.reduce((n, r) => n + r.wallNs, 0),
    cpuNs: runs.reduce((n, r) => n + r.cpuNs, 0),
  };
}

/** Milliseconds since `start`, for one-off timings such as compiling a rubric. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / NS_PER_MS;
}
