/**
 * `npm run soak`: 500 concurrent scripted sessions for 10 minutes on one process (SQLite),
 * then on two processes over PostgreSQL and Redis, checking that nothing failed, no acknowledged
 * turn was lost and memory stayed flat after warm-up (soak/runSoak.ts). Loopback only.
 *
 *   npm run soak -- --clients 500 --minutes 10 --think 5 --only one|two --json
 *
 * Exits 1 when a verdict fails, so it can gate a release; 2 on bad arguments. Method and
 * recorded figures: docs/reliability.md.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { twoProcessesUnreachable } from './load/deployments.ts';
import { runSoak, type SoakResult } from './soak/runSoak.ts';
import { describeMachine, machineLines } from './machine.ts';

const Args = z.object({
  clients: z.coerce.number().int().positive().default(500),
  minutes: z.coerce.number().positive().default(10),
  think: z.coerce.number().positive().default(5),
  only: z.enum(['one', 'two']).optional(),
  json: z.boolean().default(false),
});

const { values } = parseArgs({
  options: { clients: { type: 'string' }, minutes: { type: 'string' }, think: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  process.stderr.write(`soak: --${issue.path.join('.')}: ${issue.message}\n`);
  process.exit(2);
}
const args = parsed.data;
const progress = (line: string) => process.stderr.write(`${line}\n`);
const options = { clients: args.clients, seconds: args.minutes * 60, thinkMs: args.think * 1000, warmupShare: 0.2, sampleEveryMs: 30_000, maxGrowth: 0.1, progress };

const results: SoakResult[] = [];
for (const deployment of args.only ? [args.only] : (['one', 'two'] as const)) {
  if (deployment === 'two') {
    const unreachable = await twoProcessesUnreachable();
    if (unreachable) {
      progress(`soak: two processes on PostgreSQL and Redis: skipped, ${unreachable}`);
      continue;
    }
  }
  progress(`soak: ${deployment === 'one' ? 'one process, SQLite' : 'two processes, PostgreSQL and Redis'}`);
  results.push(await runSoak(deployment, options));
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
if (args.json) {
  console.log(JSON.stringify({ machine: describeMachine(), options: { ...options, progress: undefined }, results }, null, 2));
} else {
  for (const line of machineLines(describeMachine())) console.log(line);
  for (const r of results) {
    console.log(`\n${r.deployment === 'one' ? 'One process, SQLite' : 'Two processes, PostgreSQL and Redis'}: ${r.clients} clients for ${r.seconds / 60} min`);
    console.log(`  turns ${r.turns} (${r.turnsPerSecond.toFixed(0)}/s) in ${r.sessions} sessions; p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`);
    console.log(`  p99 by tenth of the run (ms): ${r.p99ByTenth.map((p) => p.toFixed(1)).join(', ')}`);
    console.log(`  live memory after warm-up ${mib(r.memory.baselineBytes)}, at the end ${mib(r.memory.finalBytes)} (${(r.memory.growth * 100).toFixed(1)}%)`);
    console.log(`  no error: ${yes(r.ok.errors)}${r.ok.errors ? '' : ` ${JSON.stringify(r.errors)}`}`);
    console.log(`  no lost turn: ${yes(r.ok.lostTurns)}${r.ok.lostTurns ? '' : ` (${r.lostTurns} sessions: ${r.lostExamples.join('; ')})`}`);
    console.log(`  memory flat (≤ ${options.maxGrowth * 100}% growth after warm-up): ${yes(r.ok.memoryFlat)}`);
  }
}
process.exit(results.every((r) => r.ok.errors && r.ok.lostTurns && r.ok.memoryFlat) ? 0 : 1);
