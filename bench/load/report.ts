/**
 * The load suite's report: the latency table, the idle-memory table and the targets, each
 * target met or not, from the measured configurations. No measuring here.
 */
import { count, ms, table } from '../format.ts';
import type { Target } from '../suite.ts';
import type { WriteFloor } from './durableWriteFloor.ts';
import type { ConfigurationResult } from './measureConfiguration.ts';

export const TARGET_P99_MS = 25;
export const TARGET_ECHO_RATIO = 2;
export const TARGET_IDLE_BYTES = 64 * 1024;

export type Name = 'echo' | 'one' | 'two';
export const LABELS: Record<Name, string> = {
  echo: 'echo server (bare socket.io)',
  one: 'Sparring, 1 process, SQLite',
  two: 'Sparring, 2 processes, PostgreSQL + Redis',
};

export interface Outcome {
  name: Name;
  result?: ConfigurationResult;
  /** Why the configuration was not measured. */
  skipped?: string;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function resultRows(outcomes: readonly Outcome[]): string[][] {
  return outcomes.map(({ name, result: r, skipped }) =>
    r
      ? [
          LABELS[name],
          count(r.clients),
          count(r.turns),
          r.turnsPerSecond.toFixed(0),
          ms(r.p50Ms),
          ms(r.p99Ms),
          ms(r.maxMs),
          r.serverCpu.map((c) => c.toFixed(2)).join(' + '),
          r.serverLoopDelay.map((d) => d.maxMs.toFixed(0)).join(' + '),
          r.clientCpu.toFixed(2),
          Object.values(r.errors).reduce((a, b) => a + b, 0).toString(),
        ]
      : [LABELS[name], `not run: ${skipped}`, '', '', '', '', '', '', '', '', ''],
  );
}

export function memoryRows(outcomes: readonly Outcome[]): string[][] {
  return outcomes.flatMap(({ name, result: r }) =>
    r ? [[LABELS[name], count(r.idle.sessions), kib(r.idle.rssPerSession), kib(r.idle.heapPerSession), kib(r.idle.externalPerSession), `${(r.idle.rssTotal / 2 ** 20).toFixed(1)} MiB`]] : [],
  );
}

export function targetsFor(outcomes: readonly Outcome[], clients: number): Target[] {
  const echo = outcomes.find((o) => o.name === 'echo')?.result;
  const targets: Target[] = [];
  for (const o of outcomes.filter((x) => x.name !== 'echo')) {
    const r = o.result;
    const label = o.name === 'one' ? '1 process' : '2 processes';
    const clean = r !== undefined && r.clients === clients && Object.keys(r.errors).length === 0;
    const failed = r ? `${Object.entries(r.errors).map(([k, v]) => `${v}× ${k}`).join(', ') || 'no errors'}` : `not run: ${o.skipped}`;
    targets.push({ name: `${label}, sessions`, goal: `${clients} concurrent sessions, every turn answered`, measured: r ? `${r.clients} sessions, ${failed}` : failed, met: clean });
    targets.push({ name: `${label}, p99`, goal: `< ${TARGET_P99_MS} ms`, measured: r ? `${ms(r.p99Ms)} ms` : failed, met: r !== undefined && r.p99Ms < TARGET_P99_MS });
    const ratio = r && echo ? r.p99Ms / echo.p99Ms : Number.NaN;
    targets.push({
      name: `${label}, p99 vs echo`,
      goal: `≤ ${TARGET_ECHO_RATIO}× the echo server's p99`,
      measured: r && echo ? `${ratio.toFixed(1)}× (${ms(r.p99Ms)} vs ${ms(echo.p99Ms)} ms)` : failed,
      met: ratio <= TARGET_ECHO_RATIO,
    });
  }
  for (const o of outcomes.filter((x) => x.name !== 'echo')) {
    const idle = o.result?.idle;
    targets.push({
      name: `${o.name === 'one' ? '1 process' : '2 processes'}, memory per idle session`,
      goal: `< ${TARGET_IDLE_BYTES / 1024} KB (the larger of RSS and heap + external)`,
      measured: idle ? `${kib(idle.perSession)}: ${kib(idle.rssPerSession)} RSS, ${kib(idle.heapPerSession + idle.externalPerSession)} heap + external` : `not run: ${o.skipped}`,
      met: idle !== undefined && idle.perSession < TARGET_IDLE_BYTES,
    });
  }
  return targets;
}


/** The suite's report lines, below its title. */
export function reportLines(outcomes: readonly Outcome[], floor: WriteFloor, header: readonly string[]): string[] {
  const errors = outcomes.flatMap(({ name, result }) => Object.entries(result?.errors ?? {}).map(([kind, n]) => `  ${LABELS[name]}: ${n}× ${kind}`));
  const notCollected = outcomes.some((o) => o.result && !o.result.idle.collected);
  return [
    ...header,
    'Latency: trainee:say emitted → matching customer:say received, in this process. CPU: CPU-seconds per second during the timed window.',
    "Loop lag: the longest delay of each server's event loop in the timed window; latencies far above it were spent waiting on I/O, not computing.",
    '',
    ...table(['configuration', 'clients', 'turns', 'turns/s', 'p50 ms', 'p99 ms', 'max ms', 'server CPU', 'loop lag ms', 'client CPU', 'errors'], resultRows(outcomes)),
    '',
    'Memory added by the idle sessions (all connected, one session each, nothing said; after a full GC), per session:',
    '',
    ...table(['configuration', 'sessions', 'RSS', 'heap used', 'external', 'RSS total'], memoryRows(outcomes)),
    ...(notCollected ? ['', 'warning: a server ran without --expose-gc: memory figures include garbage'] : []),
    '',
    `Durable write floor of this disk: one line appended and fdatasync'd, ${floor.writes} times one after another: p50 ${ms(floor.p50Ms)} ms, p99 ${ms(floor.p99Ms)} ms.`,
    'SQLite commits two such transactions per turn (the trainee\'s and the customer\'s), each a WAL write and fsync, before the customer\'s reply is sent; the echo server makes none.',
    ...(errors.length > 0 ? ['', 'Errors:', ...errors] : []),
  ];
}
