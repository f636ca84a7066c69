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
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_REDIS_URL, deleteKeysUnder, redisUnreachable } from './load/benchRedis.ts';
import { startChildServer, type ChildServer } from './load/childServer.ts';
import { measureConfiguration, type ConfigurationResult, type MeasureOptions } from './load/measureConfiguration.ts';
import { LOCALE, PERSONA_ID, TRAINEE_LINES } from './load/script.ts';
import { LABELS, reportLines, targetsFor, type Outcome } from './load/report.ts';
import { seedTrainees } from './load/trainees.ts';
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

/**
 * Starts the servers (pushing each into `servers` as it comes up) and gets one token per
 * client from `start`, measures, then stops every server and cleans up even when a step fails.
 */
async function withServers(base: Base, start: (servers: ChildServer[]) => Promise<string[]>, cleanup: () => Promise<void> | void): Promise<ConfigurationResult> {
  const servers: ChildServer[] = [];
  try {
    const tokens = await start(servers);
    return await measureConfiguration(servers, { ...base, tokens });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}

const sparringEnv = { PORT: '0', HOST: '127.0.0.1', REDIS_URL: '', SPARRING_ADMIN_PASSWORD: 'load-benchmark-admin' };

function runEcho(base: Base): Promise<ConfigurationResult> {
  return withServers(
    base,
    async (servers) => {
      servers.push(await startChildServer('echo server', 'bench/load/echoServer.ts', { PORT: '0' }));
      return Array<string>(base.clients).fill('echo');
    },
    () => {},
  );
}

function runOneProcess(base: Base): Promise<ConfigurationResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sparring-load-'));
  return withServers(
    base,
    async (servers) => {
      const tokens = await seedTrainees({ dataDir }, base.clients, 'one');
      base.progress(`  ${tokens.length} trainees seeded in ${dataDir}`);
      servers.push(await startChildServer('sparring', 'server/main.ts', { ...sparringEnv, DATA_DIR: dataDir }));
      return tokens;
    },
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
}

function runTwoProcesses(base: Base): Promise<ConfigurationResult> {
  const prefix = `sparring-bench-${randomUUID().slice(0, 8)}:`;
  const env = { ...sparringEnv, REDIS_URL: BENCH_REDIS_URL, SPARRING_REDIS_PREFIX: prefix };
  return withServers(
    base,
    async (servers) => {
      const tokens = await seedTrainees({ dataDir: '', redisUrl: BENCH_REDIS_URL, redisKeyPrefix: prefix }, base.clients, 'two');
      base.progress(`  ${tokens.length} trainees seeded in Redis under ${prefix}`);
      for (const name of ['sparring A', 'sparring B']) servers.push(await startChildServer(name, 'server/main.ts', env));
      return tokens;
    },
    () => deleteKeysUnder(prefix),
  );
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
  outcomes.push({ name: 'echo', result: await runEcho(base) });
  options.progress(`load: ${LABELS.one}`);
  outcomes.push({ name: 'one', result: await runOneProcess(base) });
  const unreachable = await redisUnreachable();
  if (unreachable) {
    options.progress(`load: ${LABELS.two}: skipped, ${unreachable}`);
    outcomes.push({ name: 'two', skipped: unreachable });
  } else {
    options.progress(`load: ${LABELS.two}`);
    outcomes.push({ name: 'two', result: await runTwoProcesses(base) });
  }

  const lines = reportLines(outcomes, [
    `${clients} clients, each its own WebSocket; persona ${PERSONA_ID} (${LOCALE}), ${TRAINEE_LINES.length} trainee lines per session, then a new session.`,
    `Think time ${thinkMs / 1000} s on average (uniform ${thinkMs / 2000} to ${(thinkMs * 1.5) / 1000} s); ${warmupMs / 1000} s warm-up, then ${measureMs / 1000} s timed.`,
  ]);
  const targets = targetsFor(outcomes, clients);
  return { name: 'load', title: TITLE, lines, targets, data: { clients, thinkMs, warmupMs, measureMs, configurations: outcomes } };
}

export const loadSuite: Suite = { name: 'load', title: TITLE, run };
