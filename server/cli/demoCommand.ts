/**
 * `sparring demo`: scores the example transcripts in docs/examples/, prints their
 * tables, then shows how to score your own file. The
 * examples double as the documentation of the transcript format.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './commandLine.ts';
import type { Command } from './command.ts';
import { createScorer } from '../scoring/scorer.ts';
import { loadRubricFor, printScores } from './scoreCommand.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = ['complaint-zh-Hant.json', 'collection-zh-Hans.json', 'application-en.json'];

const NEXT_STEPS = `
Score your own transcript (same JSON form as the files in docs/examples/):
  npx sparring score my-call.json               a table like the ones above
  npx sparring score a.json b.json --json       JSON Lines: one report per file, with "file"
  cat my-call.json | npx sparring score -       read the transcript from standard input
  npx sparring score my-call.json --rubric ID   use another rubric from rubrics/
`;

async function run(args: string[]): Promise<number> {
  const read = readCommandLine(args, { help: { type: 'boolean', short: 'h' } });
  if (read.ok && read.values.help) {
    process.stdout.write(`usage: sparring demo\n\nScores the example transcripts in docs/examples/ and prints their tables.\n`);
    return 0;
  }
  const problem = !read.ok ? read.error : read.positionals.length > 0 ? `takes no arguments (got "${read.positionals[0]}")` : null;
  if (problem) {
    process.stderr.write(`sparring demo: ${problem}\nusage: sparring demo\n`);
    return 2;
  }
  const rubric = loadRubricFor(undefined);
  if (!rubric.ok) {
    process.stderr.write(`sparring demo: ${rubric.error}\n`);
    return 2;
  }
  // Shown relative to the repository, whatever directory the demo is run from.
  const files = EXAMPLES.map((name) => `docs/examples/${name}`).map((file) => ({ file, path: join(REPO_ROOT, file) }));
  const failed = await printScores(createScorer(rubric.value), files, false);
  process.stdout.write(NEXT_STEPS);
  return failed > 0 ? 1 : 0;
}

export const demoCommand: Command = {
  name: 'demo',
  args: '',
  summary: 'score the examples in docs/examples/, then show how to score yours',
  run,
};
