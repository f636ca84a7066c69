/**
 * Reading and changing one top-level field of YAML text without touching the rest: the
 * persona routes read what an invalid upload says it is (its `id`, `locale`), and write the
 * version number a save gives it. A change replaces just the value's characters, found
 * through yaml's Document API, so comments, quoting, indentation and long lines stay as the
 * person wrote them (a whole-document re-print would refold and re-indent them).
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

function parse(text: string, counter = new LineCounter()): Document | null {
  try {
    // The same safe options as parseDataText: no custom tags, aliases never expanded here.
    const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false, strict: true, customTags: [] });
    return doc.errors.length === 0 ? doc : null;
  } catch {
    return null;
  }
}

/** The line where a top-level field is written, or undefined. */
export function lineOfTopLevelField(text: string, key: string): number | undefined {
  const counter = new LineCounter();
  const doc = parse(text, counter);
  if (!doc || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) && pair.key.range ? counter.linePos(pair.key.range[0]).line : undefined;
}

/** The scalar value of a top-level field, or undefined when the text does not parse that far. */
export function readTopLevelField(text: string, key: string): unknown {
  const doc = parse(text);
  if (!doc || !isMap(doc.contents)) return undefined;
  const node = doc.contents.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

/**
 * The text with the top-level `key` set to `value`: the old value's characters replaced
 * when the field is there, a new `key: value` line before the first field otherwise. Null
 * when the text is not a YAML mapping (nothing sensible to change).
 */
export function writeTopLevelNumber(text: string, key: string, value: number): string | null {
  const doc = parse(text);
  if (!doc || !isMap(doc.contents)) return null;
  const map = doc.contents;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const literal = String(value);
  if (pair) {
    if (!isScalar(pair.value) || !pair.value.range) return null;
    const [start, end] = pair.value.range;
    return text.slice(0, start) + literal + text.slice(end);
  }
  const first = map.items[0]?.key;
  if (!isScalar(first) || !first.range || map.flow) return null;
  const at = first.range[0];
  const column = at - (text.lastIndexOf('\n', at - 1) + 1);
  return `${text.slice(0, at)}${key}: ${literal}\n${' '.repeat(column)}${text.slice(at)}`;
}
