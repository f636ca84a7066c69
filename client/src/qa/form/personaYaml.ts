/**
 * The persona form's one way to change the draft: a field set (or removed) through the yaml
 * package's Document API, so whatever the form does not show (comments, fields it has no
 * control for, fields the format does not know) stays as written. Only the lines the change
 * touches are rewritten: the rest of the text is kept byte for byte, the way the person in
 * the YAML tab wrote it.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document } from 'yaml';

export type FieldPath = readonly (string | number)[];

// No folding of long lines (a Chinese sentence stays one line), the repository's `{ a: 1 }`.
const RENDER = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true } as const;

/** The draft as a document, or null when it is not YAML the form can work on (a mapping at the top). */
export function readDraft(text: string): Document | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  if (doc.contents !== null && !isMap(doc.contents)) return null;
  return doc;
}

/** The value at `path` as plain data (undefined when absent). */
export function valueAt(doc: Document, path: FieldPath): unknown {
  const node = doc.getIn(path as unknown[], true);
  return isMap(node) || isSeq(node) ? (node.toJSON() as unknown) : doc.getIn(path as unknown[]);
}

/**
 * The lines that differ between two renderings of the document, put into the text as it was
 * written. The renderings match the text line for line except in spacing; where they do not
 * (the text has a form the renderer writes on more or fewer lines), the whole new rendering.
 */
function spliceChanged(written: string, before: string, after: string): string {
  const o = written.split('\n');
  const a = before.split('\n');
  const b = after.split('\n');
  if (o.length !== a.length) return after;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [...o.slice(0, start), ...b.slice(start, b.length - end), ...o.slice(o.length - end)].join('\n');
}

/**
 * The text with the field at `path` set to `value` (undefined removes it). Null when the
 * text cannot be read as a document: the form then says to fix the YAML first.
 */
export function withValue(text: string, path: FieldPath, value: unknown): string | null {
  const doc = readDraft(text);
  if (!doc) return null;
  const before = doc.toString(RENDER);
  const old = doc.getIn(path as unknown[], true);
  const wasEmpty = isScalar(old) && old.value === '';
  if (value === undefined) doc.deleteIn(path as unknown[]);
  else doc.setIn(path as unknown[], value);
  // An emptied text had to be quoted; typed again, it is written plainly where it can be.
  const now = doc.getIn(path as unknown[], true);
  if (wasEmpty && isScalar(now)) now.type = Scalar.PLAIN;
  return spliceChanged(text, before, doc.toString(RENDER));
}
