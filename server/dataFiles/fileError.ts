/**
 * A problem with a file a person wrote (a rubric, a persona, a transcript): where it is
 * (path, line, field) and what is wrong, printable as one line.
 */
import type { FileProblem } from '../domain/fileProblem.ts';

export type { FileProblem };

export function formatProblem(p: FileProblem): string {
  const where = p.line !== undefined ? `${p.path}:${p.line}` : p.path;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

export class FileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'FileError';
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
