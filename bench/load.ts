/**
 * The load suite: N concurrent socket.io clients (default 500), each holding the scripted
 * conversation of load/script.ts with a think time between turns, timed from `trainee:say`
 * to the matching `customer:say`. Measured in one run, with the same clients and pacing:
 *
 *   echo      a bare socket.io server answering at once (load/echoServer.ts): the floor
 *   one       Sparring, one process, file store in a temporary DATA_DIR
 *   two       Sparring, two processes on Redis, each client on one of them (skipped,
 *             and its targets marked not met, when Redis is unreachable)
 *
 * plus each server's memory per idle session (N sessions open, nothing said). Servers run
 * as child processes on loopback; the clients all run in this process. Everything started
 * is stopped and every Redis key written is deleted, whatever happens.
 * Targets (from the issue): p99 under 25 ms and within 2× the echo server's p99 at 500
 * concurrent sessions; under 64 KB of server memory per idle session. Method and figures:
 * docs/benchmarks.md.
 */
import { twoProcessesUnreachable, withDeployment, type DeploymentName } from './load/deployments.ts';
import { measureDurableWriteFloor } from './load/durableWriteFloor.ts';
import { measureConfiguration, type ConfigurationResult, type MeasureOptions } from './load/measureConfiguration.ts';
import { LOCALE, PERSONA_ID, TRAINEE_LINES } from './load/script.ts';
import { LABELS, reportLines, targetsFor, type Outcome } from './load/report.ts';
import type { BenchOptions, Suite, SuiteResult } from './suite.ts';

export const DEFAULT_CLIENTS = 500;
/**
 * Mean pause between a customer's reply and the trainee's next line; each is uniform in
 * [0.5, 1.5] × this. Five seconds is still several times faster than a person reads a reply
 * and types an answer (tens of seconds), so 500 clients offer about 100 turns a second, where
 * 500 real trainees would offer 20 to 50. `--think 1` is the stress pace: about 500 a second.
 */
const DEFAULT_THINK_MS = 5000;
/** The timed window is at least this long, so each client says several lines in it. */
const MIN_MEASURE_MS = 20_000;
const TITLE = 'Concurrent conversations over socket.io';

type Base = Omit<MeasureOptions, 'tokens'>;

function measure(name: DeploymentName, base: Base): Promise<ConfigurationResult> {
  return withDeployment(name, base.clients, base.progress, (servers, tokens) => measureConfiguration(servers, { ...base, tokens }));
}

async function run(options: BenchOptions): Promise<SuiteResult> {
  const clients = options.clients ?? DEFAULT_CLIENTS;
  const measureMs = Math.max(options.durationMs, MIN_MEASURE_MS);
  const thinkMs = options.thinkMs ?? DEFAULT_THINK_MS;
  // Timing starts once every client has said its first line: the first waits are spread over 1.5 think times.
  const warmupMs = Math.max(options.warmupMs, thinkMs * 1.5);
  const base = { clients, warmupMs, measureMs, thinkMs, progress: options.progress };
  const outcomes: Outcome[] = [];

  options.progress(`load: ${LABELS.echo}`);
  outcomes.push({ name: 'echo', result: await measure('echo', base) });
  options.progress(`load: ${LABELS.one}`);
  outcomes.push({ name: 'one', result: await measure('one', base) });
  const unreachable = await twoProcessesUnreachable();
  if (unreachable) {
    options.progress(`load: ${LABELS.two}: skipped, ${unreachable}`);
    outcomes.push({ name: 'two', skipped: unreachable });
  } else {
    options.progress(`load: ${LABELS.two}`);
    outcomes.push({ name: 'two', result: await measure('two', base) });
  }

  options.progress('load: the disk\'s durable write floor');
  const floor = await measureDurableWriteFloor();

  const lines = reportLines(outcomes, floor, [
    `${clients} clients, each its own WebSocket; persona ${PERSONA_ID} (${LOCALE}), ${TRAINEE_LINES.length} trainee lines per session, then a new session.`,
    `Think time ${thinkMs / 1000} s on average (uniform ${thinkMs / 2000} to ${(thinkMs * 1.5) / 1000} s); ${warmupMs / 1000} s warm-up, then ${measureMs / 1000} s timed.`,
  ]);
  const targets = targetsFor(outcomes, clients);
  return { name: 'load', title: TITLE, lines, targets, data: { clients, thinkMs, warmupMs, measureMs, configurations: outcomes, durableWriteFloor: floor } };
}

export const loadSuite: Suite = { name: 'load', title: TITLE, run };
