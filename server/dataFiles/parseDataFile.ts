/**
 * Reads a YAML or JSON data file against a zod schema, naming the path, line and field of
 * every problem. Data files are never executed: custom YAML tags are refused, aliases are
 * capped (no "billion laughs"), and duplicate keys are errors. Text a person uploads (a
 * persona from the web client) goes through the same function, so hostile text costs a
 * bounded amount of work and ends in problems with lines, never in an exception.
 */
import { readFileSync } from 'node:fs';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { FileError, fieldPath, type FileProblem } from './fileError.ts';

/** More than this many problems are cut: past the first few dozen, one fix usually clears the rest. */
const MAX_PROBLEMS = 50;
const MAX_ALIASES = 100;

/** The line of the deepest node that exists along `path`. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The line of the key `key` in the mapping at `path` (an unknown field is reported where it is written). */
function lineOfKey(doc: Document, counter: LineCounter, path: readonly PropertyKey[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
  }
  return lineOf(doc, counter, path);
}

/** A parser or converter giving up on deep nesting says so in words a person can act on. */
function plainMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return /maximum call stack/i.test(first) ? 'nested too deeply' : first;
}

/**
 * Keys repeated in one mapping. yaml's own `uniqueKeys` compares every key with every
 * other (quadratic: seconds for a few thousand keys); this walk is linear and iterative,
 * so neither many keys nor deep nesting can stall the server.
 */
function duplicateKeys(doc: Document, counter: LineCounter, path: string): FileProblem[] {
  const problems: FileProblem[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          if (seen.has(name)) {
            const line = pair.key.range ? counter.linePos(pair.key.range[0]).line : undefined;
            problems.push({
              path,
              ...(line !== undefined ? { line } : {}),
              message: `Map keys must be unique: "${name}" appears twice`,
              detail: { kind: 'duplicate_key', key: name },
            });
          }
          seen.add(name);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(isPair(item) ? item.value : item);
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The line of the first alias (`*name`): where an alias bomb starts going off. */
function firstAliasLine(doc: Document, counter: LineCounter): number | undefined {
  const pending: unknown[] = [doc.contents];
  let first: number | undefined;
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node) && node.range) {
      const line = counter.linePos(node.range[0]).line;
      if (first === undefined || line < first) first = line;
    } else if (isMap(node)) {
      for (const pair of node.items) pending.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  return first;
}

/** Problems as a person reads them: each line and message once, at most MAX_PROBLEMS. */
function tidy(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  const out: FileProblem[] = [];
  for (const p of problems) {
    const key = `${p.line ?? ''}|${p.field ?? ''}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  if (out.length <= MAX_PROBLEMS) return out;
  const first = out[0]!;
  return [...out.slice(0, MAX_PROBLEMS), { path: first.path, message: `and ${out.length - MAX_PROBLEMS} more problems` }];
}

/** What a value is, in the words of zod's `expected` (so the client words both alike). */
function kindOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A zod issue as a code and the values its sentence needs, for the reader's language. */
function schemaDetail(issue: z.core.$ZodIssue, data: unknown): NonNullable<FileProblem['detail']> {
  switch (issue.code) {
    case 'invalid_type':
      return { kind: 'schema', code: issue.code, expected: String(issue.expected), received: kindOf(valueAt(data, issue.path)) };
    case 'too_small':
      return { kind: 'schema', code: issue.code, origin: String(issue.origin), minimum: Number(issue.minimum) };
    case 'too_big':
      return { kind: 'schema', code: issue.code, origin: String(issue.origin), maximum: Number(issue.maximum) };
    case 'invalid_value':
      return { kind: 'schema', code: issue.code, values: issue.values.map(String) };
    default:
      return { kind: 'schema', code: issue.code };
  }
}

function schemaProblems(doc: Document, counter: LineCounter, path: string, issues: readonly z.core.$ZodIssue[], data: unknown): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const issue of issues.slice(0, MAX_PROBLEMS + 1)) {
    if (issue.code === 'unrecognized_keys') {
      // One problem per key, on the key's own line: zod reports them on the mapping.
      for (const key of issue.keys.slice(0, MAX_PROBLEMS + 1)) {
        const line = lineOfKey(doc, counter, issue.path, key);
        problems.push({ path, ...(line !== undefined ? { line } : {}), field: fieldPath([...issue.path, key]), message: 'unknown field', detail: { kind: 'unknown_field' } });
      }
      continue;
    }
    const line = lineOf(doc, counter, issue.path);
    const field = fieldPath(issue.path);
    // A schema's own check may say what the reader's language needs to word it (FileProblem.detail).
    const detail = issue.code === 'custom' ? (issue.params?.detail as FileProblem['detail']) : schemaDetail(issue, data);
    problems.push({ path, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message: issue.message, ...(detail ? { detail } : {}) });
  }
  return problems;
}

export function parseDataText<S extends z.ZodType>(path: string, text: string, schema: S): z.infer<S> {
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false, strict: true, customTags: [] });
  } catch (err) {
    throw new FileError([{ path, message: plainMessage((err as Error).message) }]);
  }
  const syntax: FileProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    path,
    // With prettyErrors off, yaml leaves linePos unset: count the line from the offset.
    line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
    message: plainMessage(e.message),
    detail: { kind: 'yaml' as const, code: e.code },
  }));
  if (syntax.length > 0) throw new FileError(tidy(syntax.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))));
  const duplicates = duplicateKeys(doc, counter, path);
  if (duplicates.length > 0) throw new FileError(tidy(duplicates));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    const message = plainMessage((err as Error).message);
    const line = /alias/i.test(message) ? firstAliasLine(doc, counter) : undefined;
    throw new FileError([{ path, ...(line !== undefined ? { line } : {}), message }]);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new FileError(tidy(schemaProblems(doc, counter, path, parsed.error.issues, data)));
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
