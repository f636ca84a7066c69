/**
 * `npm run bench`: runs each benchmark suite in turn on this one process (one thread) and
 * prints a report with the machine it ran on and every target marked met or not met.
 *
 *   npm run bench                              all suites
 *   npm run bench -- --only scoring            one suite
 *   npm run bench -- --json                    machine-readable report on stdout
 *   npm run bench -- --warmup 2 --duration 3   seconds of warm-up / of timing per measurement
 *   npm run bench -- --only load --clients 200 --think 5
 *                                              the load suite's clients, and their mean pause between turns
 *
 * Exits 0 whenever the run completes, targets met or not: the report says which, and a
 * benchmark on a busy CI machine should inform, not fail a build. Bad arguments exit 2.
 * Method and recorded figures: docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { describeMachine, machineLines, type Machine } from './machine.ts';
import { metMark } from './format.ts';
import { loadSuite } from './load.ts';
import { scoringSuite } from './scoring.ts';
import type { BenchOptions, Suite, SuiteResult } from './suite.ts';

/** In run order. */
const SUITES: readonly Suite[] = [scoringSuite, loadSuite];

const USAGE = `usage: npm run bench -- [--only <${SUITES.map((s) => s.name).join('|')}>] [--json] [--warmup <s>] [--duration <s>] [--clients <n>] [--think <s>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function seconds(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${flag} wants a positive number of seconds, got "${value}"`);
  return n;
}

function clientCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20_000) fail(`--clients wants a whole number from 1 to 20000, got "${value}"`);
  return n;
}

function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        only: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        warmup: { type: 'string' },
        duration: { type: 'string' },
        clients: { type: 'string' },
        think: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = parsed.only?.flatMap((names) => names.split(','));
  const unknown = only?.filter((name) => !SUITES.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) fail(`no benchmark suite named ${unknown.map((n) => `"${n}"`).join(', ')}`);
  return {
    suites: only === undefined ? SUITES : SUITES.filter((s) => only.includes(s.name)),
    json: parsed.json,
    warmupMs: seconds(parsed.warmup, 2, 'warmup') * 1000,
    durationMs: seconds(parsed.duration, 3, 'duration') * 1000,
    clients: clientCount(parsed.clients),
    thinkMs: parsed.think === undefined ? undefined : seconds(parsed.think, 1, 'think') * 1000,
  };
}

interface Run {
  startedAt: Date;
  /** Taken before the suites start, so the load average is the machine's and not our own. */
  machine: Machine;
  options: BenchOptions;
  results: SuiteResult[];
}

function textReport({ startedAt, machine, results }: Run): string {
  const out = [`Sparring benchmark, ${startedAt.toISOString()}`, '', ...machineLines(machine)];
  for (const r of results) out.push('', `== ${r.title} [${r.name}]`, '', ...r.lines);
  out.push('', 'Targets');
  for (const r of results) {
    for (const t of r.targets) out.push(`  ${metMark(t.met).padEnd(7)}  ${r.name} ${t.name}: ${t.goal} (${t.measured})`);
  }
  return `${out.join('\n')}\n`;
}

function jsonReport({ startedAt, machine, options, results }: Run): string {
  const report = {
    startedAt: startedAt.toISOString(),
    machine,
    options: { warmupMs: options.warmupMs, durationMs: options.durationMs, clients: options.clients, thinkMs: options.thinkMs },
    suites: results.map(({ lines: _lines, ...rest }) => rest),
    allTargetsMet: results.every((r) => r.targets.every((t) => t.met)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

async function main(): Promise<void> {
  const args = parse();
  const startedAt = new Date();
  const machine = describeMachine();
  const options: BenchOptions = {
    warmupMs: args.warmupMs,
    durationMs: args.durationMs,
    ...(args.clients !== undefined ? { clients: args.clients } : {}),
    ...(args.thinkMs !== undefined ? { thinkMs: args.thinkMs } : {}),
    progress: (message) => process.stderr.write(`bench: ${message}\n`),
  };
  const results: SuiteResult[] = [];
  for (const suite of args.suites) {
    options.progress(`suite ${suite.name}`);
    results.push(await suite.run(options));
  }
  const run: Run = { startedAt, machine, options, results };
  process.stdout.write(args.json ? jsonReport(run) : textReport(run));
}

await main();
