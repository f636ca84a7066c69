/**
 * Loads persona files from `personas/<id>/<locale>.yaml`. Every file is validated, the
 * signals it names against the rubric's; a bad one is refused with its path, line and
 * field, and the others still load, so one broken persona never takes the library down.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileError, type FileProblem } from '../dataFiles/fileError.ts';
import { parseDataFile, parseDataText } from '../dataFiles/parseDataFile.ts';
import { loadDefaultRubric } from '../dataFiles/loadRubric.ts';
import { knownSignals, type KnownSignals } from '../scoring/rubric/signalTags.ts';
import type { Locale } from '../scoring/types.ts';
import { personaFileFor, type PersonaFile } from './schema.ts';

export const PERSONAS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'personas');

export interface PersonaLibrary {
  personas: PersonaFile[];
  /** Files that did not load, with why. */
  problems: FileProblem[];
  /** Every persona file found, loaded or not. */
  files: string[];
  /** The signals the personas were checked against: those of the rubric they are played with. */
  signals: KnownSignals;
}

/**
 * The default rubric's signals: what the CLI and tests check personas against when they name
 * no rubric. The server passes the signals of the rubric it loaded.
 */
export function defaultRubricSignals(): KnownSignals {
  return knownSignals(loadDefaultRubric());
}

/** The persona files under `dir`: `<id>/<locale>.yaml`, sorted. */
export function personaFiles(dir: string = PERSONAS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .flatMap((id) =>
      readdirSync(join(dir, id))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, id, f)),
    );
}

/** The folder and file name must say what the file says: `<id>/<locale>.yaml`. */
function checkPlace(path: string, persona: PersonaFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const folder = basename(dirname(path));
  const locale = basename(path).replace(/\.ya?ml$/, '');
  if (folder !== persona.id) problems.push({ path, field: 'id', message: `is "${persona.id}" but the folder is "${folder}"` });
  if (locale !== persona.locale) problems.push({ path, field: 'locale', message: `is "${persona.locale}" but the file is "${basename(path)}"` });
  return problems;
}

export function readPersonaFile(path: string, signals: KnownSignals = defaultRubricSignals()): PersonaFile {
  const persona = parseDataFile(path, personaFileFor(signals));
  const misplaced = checkPlace(path, persona);
  if (misplaced.length > 0) throw new FileError(misplaced);
  return persona;
}

/** Validates persona text as a QA person would upload it (no folder to check against). */
export function parsePersonaText(name: string, text: string, signals: KnownSignals = defaultRubricSignals()): PersonaFile {
  return parseDataText(name, text, personaFileFor(signals));
}

export function loadPersonaLibrary(dir: string = PERSONAS_DIR, signals: KnownSignals = defaultRubricSignals()): PersonaLibrary {
  const files = personaFiles(dir);
  const personas: PersonaFile[] = [];
  const problems: FileProblem[] = [];
  for (const path of files) {
    try {
      personas.push(readPersonaFile(path, signals));
    } catch (err) {
      if (err instanceof FileError) problems.push(...err.problems);
      else throw err;
    }
  }
  return { personas, problems, files, signals };
}

/** The persona with this id in this locale, or in the first locale it exists in. */
export function findPersona(library: PersonaLibrary, id: string, locale?: Locale): PersonaFile | undefined {
  return library.personas.find((p) => p.id === id && (locale === undefined || p.locale === locale));
}
