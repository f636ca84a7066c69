/**
 * Counts garbage-collection pauses during a measurement. A pause stops the benchmark thread,
 * so it lands inside some call's latency: the GC figures explain the max and the tail.
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';

export interface GcSummary {
  pauses: number;
  /** Major (mark-compact) collections: the long ones. */
  major: number;
  totalMs: number;
  maxMs: number;
}

export interface GcWatch {
  stop(): Promise<GcSummary>;
}

export function watchGc(): GcWatch {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // Node builds GC entries on the event loop, which the synchronous timing loop blocked:
      // let it turn so they exist, then collect the ones not yet delivered.
      await new Promise((resolve) => setTimeout(resolve, 20));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return summarizeGc(entries);
    },
  };
}

function summarizeGc(entries: readonly PerformanceEntry[]): GcSummary {
  let major = 0;
  let totalMs = 0;
  let maxMs = 0;
  for (const e of entries) {
    // `detail.kind` is Node's GC type; the entry type in @types/node does not declare it.
    const kind = (e as { detail?: { kind?: number } | null }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
    totalMs += e.duration;
    maxMs = Math.max(maxMs, e.duration);
  }
  return { pauses: entries.length, major, totalMs, maxMs };
}
