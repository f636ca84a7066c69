/**
 * Loads rubric files from `rubrics/`: parse and validate (bad files name path, line and
 * field), then compile. The engine itself never touches the disk.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDataFile } from './parseDataFile.ts';
import { FileError } from './fileError.ts';
import { loadSentenceModels } from './loadSentenceModels.ts';
import { compileRubric, type CompiledRubric } from '../scoring/rubric/compile.ts';
import { RubricFile } from '../scoring/rubric/schema.ts';
import { knownSignals } from '../scoring/rubric/signalTags.ts';
import type { KnownSignals } from '../scoring/types.ts';

export const RUBRICS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rubrics');
export const DEFAULT_RUBRIC_ID = 'lending-service-v1';

export function readRubricFile(path: string): RubricFile {
  return parseDataFile(path, RubricFile);
}

export function loadRubric(path: string): CompiledRubric {
  const file = readRubricFile(path);
  return compileRubric(file, loadSentenceModels(path, file));
}

/** What a rubric id may be: a slug, so an id can never name a file outside the folder ("../x"). */
const RUBRIC_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Finds a rubric by its id: `rubrics/<id>.yaml`, or any file there whose `id` matches. */
export function loadRubricById(id: string, dir: string = RUBRICS_DIR): CompiledRubric {
  if (!RUBRIC_ID.test(id) || id.includes('..')) {
    throw new FileError([{ path: dir, message: `"${id}" is not a rubric id: lower-case letters, digits, ".", "-" and "_"` }]);
  }
  const direct = join(dir, `${id}.yaml`);
  if (existsSync(direct)) {
    const file = readRubricFile(direct);
    if (file.id === id) return compileRubric(file, loadSentenceModels(direct, file));
  }
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const file = readRubricFile(join(dir, name));
    if (file.id === id) return compileRubric(file, loadSentenceModels(join(dir, name), file));
  }
  throw new FileError([{ path: dir, message: `no rubric with id "${id}"` }]);
}

let cachedDefault: CompiledRubric | undefined;

/** The lending customer-service rubric, compiled once per process. */
export function loadDefaultRubric(): CompiledRubric {
  cachedDefault ??= loadRubricById(DEFAULT_RUBRIC_ID);
  return cachedDefault;
}

/**
 * The default rubric's signals: what the CLI and tests check personas against when they name
 * no rubric. The server passes the signals of the rubric it loaded.
 */
export function defaultRubricSignals(): KnownSignals {
  return knownSignals(loadDefaultRubric());
}
