/**
 * Reads a YAML or JSON data file against a zod schema, naming the path, line and field of
 * every problem. Data files are never executed: custom YAML tags are refused, aliases are
 * capped (no "billion laughs"), and duplicate keys are errors.
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { FileError, fieldPath, type FileProblem } from './fileError.ts';

/** The line of the deepest node that exists along `path`. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

export function parseDataText<S extends z.ZodType>(path: string, text: string, schema: S): z.infer<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true, customTags: [] });
  const syntax: FileProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    path,
    // With prettyErrors off, yaml leaves linePos unset: count the line from the offset.
    line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (syntax.length > 0) throw new FileError(syntax);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new FileError([{ path, message: (err as Error).message }]);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new FileError(
    parsed.error.issues.map((issue) => ({
      path,
      line: lineOf(doc, counter, issue.path),
      field: fieldPath(issue.path) || undefined,
      message: issue.message,
    })),
  );
}

export function parseDataFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new FileError([{ path, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
  return parseDataText(path, text, schema);
}
