/**
 * `npm run fuzz [-- --count N --seconds S --seed X]`: the long fuzz run (fuzzRun.ts), by
 * default 20,000 hostile requests or 5 minutes, whichever comes first. Prints what it sent
 * and every failure with the payload that caused it; exits 1 when anything failed, so it can
 * gate a release.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runFuzz } from './fuzzRun.ts';

const Args = z.object({
  count: z.coerce.number().int().positive().default(20_000),
  seconds: z.coerce.number().positive().default(300),
  seed: z.coerce.number().int().default(() => Date.now() % 2 ** 31),
});

const { values } = parseArgs({ options: { count: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' } } });
const args = Args.safeParse(values);
if (!args.success) {
  const issue = args.error.issues[0]!;
  console.error(`fuzz: --${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const { count, seconds, seed } = args.data;
console.error(`fuzz: up to ${count} hostile requests or ${seconds} s, seed ${seed}`);
const report = await runFuzz({ count, seconds, seed, progress: (line) => console.error(line) });

console.log(`sent ${report.sent} (${report.socket} socket events, ${report.http} HTTP bodies) in ${report.seconds.toFixed(1)} s, seed ${seed}`);
console.log(`refused as bad_request: ${report.sent - report.failures.length}${report.failures.length ? ` (at least ${report.failures.length} not)` : ', every one'}`);
console.log(`store unchanged: ${report.storeChanges.length === 0 ? 'yes' : `NO\n  ${report.storeChanges.join('\n  ')}`}`);
console.log(`server still serving: ${report.stillServing ? 'yes' : 'NO'}`);
for (const f of report.failures) console.log(`FAILED ${f.target}, ${f.mutation}: ${f.payload}\n  got ${f.got}`);
process.exit(report.failures.length === 0 && report.storeChanges.length === 0 && report.stillServing ? 0 : 1);
