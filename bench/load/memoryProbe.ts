/**
 * Preloaded (`--import`) into each server process the load benchmark starts, Sparring's and
 * the echo server's alike, so the benchmark can read a server's memory and CPU time from
 * outside without the server carrying any benchmark code. On the IPC channel it answers
 * `memory` with the memory after a full GC (needs `--expose-gc`; without it the figures
 * include garbage and say so), and `usage` with the same figures without a GC, which is
 * what may be asked while latencies are being measured: a forced GC would stall the server.
 * Both also carry the event loop's delay since the previous question: a server whose loop
 * stalls is busy computing, one whose loop is free while replies are late is waiting on I/O.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProbeReport {
  type: 'probe';
  collected: boolean;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  /** How late the event loop ran a timer since the previous question, in ms beyond its period: p99 and max. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

const collect = (globalThis as { gc?: () => void }).gc;
// The histogram records each tick of a timer of this period, period included: subtracted below.
const LOOP_RESOLUTION_MS = 1;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();

if (process.send) {
  process.on('message', (message: unknown) => {
    if (message !== 'memory' && message !== 'usage') return;
    if (message === 'memory') {
      // Twice: the first pass frees objects whose finalisers keep others alive until the second.
      collect?.();
      collect?.();
    }
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    const report: ProbeReport = {
      type: 'probe',
      collected: message === 'memory' && collect !== undefined,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      loopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      loopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
    };
    loopDelay.reset();
    process.send!(report);
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}
