/**
 * Reading a JSON-lines file at open, as the file store does for each of its files: its
 * lines, its torn last line if a write was cut short, and each line checked against a zod
 * schema. Whatever is wrong is reported with the file, the line and the field, never thrown:
 * the store serves the rest.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { fieldPath, formatProblem } from '../../dataFiles/fileError.ts';

/** Records one problem found at open, for the store's `problems`. */
export type Report = (path: string, line: number | undefined, message: string, field?: string) => void;

export function reportInto(problems: string[]): Report {
  return (path, line, message, field) =>
    problems.push(formatProblem({ path, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message }));
}

export interface Line {
  no: number;
  text: string;
}

export interface JsonLines {
  lines: Line[];
  /** An unterminated last line that is not whole JSON: a write cut short, left out of `lines`. */
  torn: Line | null;
  /** The last line is whole but has no newline: the file needs a rewrite before the next append. */
  unterminated: boolean;
}

/**
 * The file's non-blank lines. (A proper prefix of a JSON object never parses, so an
 * unterminated line that parses is whole: kept, and `unterminated` says so.)
 */
export async function readJsonLines(path: string): Promise<JsonLines> {
  const parts = (await readFile(path, 'utf8')).split('\n');
  const last = parts.pop()!;
  const lines = parts.map((text, i) => ({ no: i + 1, text })).filter((l) => l.text.trim() !== '');
  if (last.trim() === '') return { lines, torn: null, unterminated: false };
  const tail = { no: parts.length + 1, text: last };
  if (jsonOrUndefined(last) === undefined) return { lines, torn: tail, unterminated: false };
  return { lines: [...lines, tail], torn: null, unterminated: true };
}

export function reportTorn(path: string, torn: Line, report: Report): void {
  report(path, torn.no, 'incomplete last line (a write cut short), ignored; the file is rewritten on its next change');
}

/** One line's JSON; undefined (reported) when it does not parse. */
export function parseJson(line: Line, path: string, report: Report): unknown {
  const json = jsonOrUndefined(line.text);
  if (json === undefined) report(path, line.no, 'not valid JSON; line ignored');
  return json;
}

/** Checks parsed JSON against a schema; a failure is reported with its line and field and gives null. */
export function validate<T>(schema: z.ZodType<T>, json: unknown, line: Line, path: string, report: Report): T | null {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  report(path, line.no, `${issue.message}; line ignored`, fieldPath(issue.path) || undefined);
  return null;
}

export function parseLine<T>(schema: z.ZodType<T>, line: Line, path: string, report: Report): T | null {
  const json = parseJson(line, path, report);
  return json === undefined ? null : validate(schema, json, line, path, report);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
