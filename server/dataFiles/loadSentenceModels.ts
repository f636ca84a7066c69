/**
 * Reads the sentence models a rubric's `classifiers:` section names, from `models/` beside the
 * rubric file or else from the shipped `rubrics/models/`, and compiles them into one bank for
 * the engine. A missing or malformed file names its path and field, like every other data file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileError, fieldPath } from './fileError.ts';
import { compileSentenceModels, SentenceModel, type SentenceModelBank } from '../scoring/sentenceClassifier.ts';
import type { RubricFile } from '../scoring/rubric/schema.ts';

/** The shipped models (`npm run train` writes them here). */
export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rubrics', 'models');

/** A model file in `models/` beside the rubric, or else a shipped one: a copied rubric keeps its models. */
export function modelPath(rubricPath: string, model: string): string {
  const beside = join(dirname(rubricPath), 'models', model);
  return existsSync(beside) ? beside : join(MODELS_DIR, model);
}

export function loadSentenceModel(path: string): SentenceModel {
  if (!existsSync(path)) throw new FileError([{ path, message: 'model file not found (run `npm run train`)' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FileError([{ path, message: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = SentenceModel.safeParse(raw);
  if (!parsed.success) throw new FileError(parsed.error.issues.slice(0, 10).map((i) => ({ path, field: fieldPath(i.path), message: i.message })));
  return parsed.data;
}

/** Every model the rubric names, compiled into one bank. */
export function loadSentenceModels(rubricPath: string, file: RubricFile): SentenceModelBank {
  const models = new Map<string, SentenceModel>();
  for (const c of file.classifiers) if (!models.has(c.model)) models.set(c.model, loadSentenceModel(modelPath(rubricPath, c.model)));
  return compileSentenceModels(models);
}
