// The QA editor's weight stays with the QA editor: in the built client (the browser layer
// builds it first, buildClientOnce.ts), the page a trainee loads (the entry, what it imports,
// the trainee's pages) holds no CodeMirror, nor does the QA area's first chunk (the persona
// library): the editor comes in a chunk of its own when a persona is opened.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));
const ASSETS = join(DIST, 'assets');
const read = (name: string): string => readFileSync(join(ASSETS, name), 'utf8');
/** A class name every CodeMirror editor puts on its content: in its code, whatever the minifier does. */
const CODEMIRROR = 'cm-content';

/** The chunk files a chunk imports statically (`import … from "./x.js"`), and theirs, from `name` on. */
function staticGraph(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const [, next] of read(name).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) staticGraph(next!, seen);
  return seen;
}

describe('the built client', () => {
  const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  const chunk = (prefix: string): string => {
    const found = files.find((f) => f.startsWith(`${prefix}-`));
    if (!found) throw new Error(`no ${prefix} chunk in client/dist/assets`);
    return found;
  };
  const entry = readFileSync(join(DIST, 'index.html'), 'utf8').match(/<script[^>]+src="\/assets\/([^"]+\.js)"/)?.[1];

  it('has CodeMirror in the QA editor chunk only', () => {
    expect(read(chunk('YamlCodeMirror'))).toContain(CODEMIRROR);
  });

  it("keeps CodeMirror out of the trainee's page: the entry, all it imports, the trainee's pages", () => {
    expect(entry).toBeDefined();
    const trainee = new Set([...staticGraph(entry!), ...staticGraph(chunk('TraineeApp'))]);
    expect(trainee.size).toBeGreaterThan(1);
    for (const name of trainee) expect(read(name), name).not.toContain(CODEMIRROR);
  });

  it('keeps CodeMirror out of the persona library: the QA area loads the editor when a persona is opened', () => {
    for (const name of staticGraph(chunk('QaApp'))) expect(read(name), name).not.toContain(CODEMIRROR);
  });
});
