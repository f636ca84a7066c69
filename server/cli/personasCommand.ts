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
import { runPersonaTests } from '../personas/personaTests.ts';
import { loadDefaultRubric } from '../dataFiles/loadRubric.ts';
import type { Command } from './main.ts';

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

function test(dir: string): number {
  const library = loadPersonaLibrary(dir);
  for (const problem of library.problems) process.stderr.write(`bad   ${formatProblem(problem)}\n`);
  const rubric = loadDefaultRubric();
  let passed = 0;
  let failed = 0;
  for (const persona of library.personas) {
    for (const result of runPersonaTests(persona, rubric)) {
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
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || library.problems.length > 0 ? 1 : 0;
}

async function run(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    process.stdout.write(USAGE);
    return verb === undefined ? 2 : 0;
  }
  const dir = resolve(rest.find((a) => !a.startsWith('-')) ?? PERSONAS_DIR);
  switch (verb) {
    case 'validate':
      return validate(dir);
    case 'test':
      return test(dir);
    case 'schema': {
      const schema = personaJsonSchema();
      if (rest.includes('--write')) {
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
