/**
 * `sparring personas validate [DIR]`, `sparring personas test [DIR]` and
 * `sparring personas schema`: what a QA person runs before a persona ships. Validation names
 * each bad file's path, line and field; the tests replay the conversations each file carries.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatProblem } from '../dataFiles/fileError.ts';
import { loadPersonaLibrary, PERSONAS_DIR } from '../personas/personaLibrary.ts';
import { personaJsonSchema } from '../personas/personaJsonSchema.ts';
import { createPersonaTestRunner } from '../workers/personaTestRunner.ts';
import { readCommandLine } from './commandLine.ts';
import type { Command } from './command.ts';

const USAGE = `usage: sparring personas validate [DIR]   check every persona file (default: personas/)
       sparring personas test [DIR]       run the conversations each persona file carries
       sparring personas schema [--write] print the JSON Schema for editors (--write: personas/persona.schema.json)
`;

function validate(dir: string): number {
  const library = loadPersonaLibrary(dir);
  for (const persona of library.personas) process.stdout.write(`ok    ${persona.id}/${persona.locale} (version ${persona.version})\n`);
  for (const problem of library.problems) process.stderr.write(`bad   ${formatProblem(problem)}\n`);
  const bad = new Set(library.problems.map((p) => p.path)).size;
  process.stdout.write(`${library.personas.length} valid, ${bad} invalid, in ${dir}\n`);
  if (library.files.length === 0) {
    process.stderr.write(`no persona files in ${dir} (expected <id>/<locale>.yaml)\n`);
    return 1;
  }
  return bad > 0 ? 1 : 0;
}

async function test(dir: string): Promise<number> {
  const library = loadPersonaLibrary(dir);
  for (const problem of library.problems) process.stderr.write(`bad   ${formatProblem(problem)}\n`);
  // The server's runner and limits: a file whose tests the server would refuse fails here too.
  const runner = createPersonaTestRunner();
  let passed = 0;
  let failed = 0;
  for (const persona of library.personas) {
    const run = await runner.run(persona);
    if (!run.ok) {
      failed++;
      process.stdout.write(`FAIL  ${persona.id}/${persona.locale}: ${run.message}\n`);
      continue;
    }
    for (const result of run.results) {
      if (result.passed) {
        passed++;
        process.stdout.write(`pass  ${result.persona}/${result.locale}: ${result.test}\n`);
        continue;
      }
      failed++;
      process.stdout.write(`FAIL  ${result.persona}/${result.locale}: ${result.test}\n`);
      for (const f of result.failures) process.stdout.write(`        ${f}\n`);
      process.stdout.write('      the conversation:\n');
      for (const t of result.transcript) {
        const mood = t.mood ? ` [anger ${t.mood.anger}, trust ${t.mood.trust}, confusion ${t.mood.confusion}]` : '';
        process.stdout.write(`        ${t.role}${mood}: ${t.text}\n`);
      }
    }
  }
  await runner.close();
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || library.problems.length > 0 ? 1 : 0;
}

async function run(args: string[]): Promise<number> {
  const read = readCommandLine(args, { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!read.ok) {
    process.stderr.write(`sparring personas: ${read.error}\n${USAGE}`);
    return 2;
  }
  const [verb, folder, extra] = read.positionals;
  if (verb === undefined || read.values.help) {
    process.stdout.write(USAGE);
    return verb === undefined && !read.values.help ? 2 : 0;
  }
  if (extra !== undefined) {
    process.stderr.write(`sparring personas: one folder at a time (got "${extra}" too)\n${USAGE}`);
    return 2;
  }
  const dir = resolve(folder ?? PERSONAS_DIR);
  switch (verb) {
    case 'validate':
      return validate(dir);
    case 'test':
      return test(dir);
    case 'schema': {
      const schema = personaJsonSchema();
      if (read.values.write) {
        const path = join(PERSONAS_DIR, 'persona.schema.json');
        writeFileSync(path, schema);
        process.stdout.write(`wrote ${path}\n`);
      } else process.stdout.write(schema);
      return 0;
    }
    default:
      process.stderr.write(`sparring personas: unknown action "${verb}"\n${USAGE}`);
      return 2;
  }
}

export const personasCommand: Command = {
  name: 'personas',
  args: 'validate|test|schema [DIR]',
  summary: 'check persona files and run the conversations they carry',
  run,
};
