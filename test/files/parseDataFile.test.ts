// server/files/parseDataFile.ts: data files a person wrote fail with path, line and field,
// and are never executed (no custom tags, no duplicate keys, no alias bombs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileError, type FileProblem } from '../../server/files/fileError.ts';
import { parseDataFile, parseDataText } from '../../server/files/parseDataFile.ts';

const Schema = z.object({
  name: z.string(),
  items: z.array(z.object({ n: z.number() })).optional(),
});

/** The problems parseDataText reports for `text`; fails the test if it parses. */
function problemsOf(text: string, schema: z.ZodType = Schema): FileProblem[] {
  try {
    parseDataText('data.yaml', text, schema);
  } catch (err) {
    expect(err).toBeInstanceOf(FileError);
    return (err as FileError).problems;
  }
  throw new Error('expected a FileError');
}

describe('parseDataText', () => {
  it('parses valid YAML and JSON alike', () => {
    expect(parseDataText('a.yaml', 'name: x\nitems:\n  - n: 1\n', Schema)).toEqual({ name: 'x', items: [{ n: 1 }] });
    expect(parseDataText('a.json', '{"name": "x", "items": [{"n": 2}]}', Schema)).toEqual({ name: 'x', items: [{ n: 2 }] });
  });

  it('names the line and field of a schema error', () => {
    const text = ['name: x', 'items:', '  - n: 1', '  - n: 2', '  - n: three', ''].join('\n');
    expect(problemsOf(text)).toEqual([
      { path: 'data.yaml', line: 5, field: 'items[2].n', message: expect.stringMatching(/expected number/) },
    ]);
  });

  it('names the line of the nearest existing node for a missing field', () => {
    const [problem] = problemsOf('items:\n  - n: 1\n');
    expect(problem).toMatchObject({ path: 'data.yaml', line: 1, field: 'name' });
  });

  it('gives the line of a YAML syntax error', () => {
    const [problem] = problemsOf('name: x\nitems: n: 1\n');
    expect(problem).toMatchObject({ path: 'data.yaml', line: 2 });
    expect(problem?.message).toMatch(/nested mappings/i);
  });

  it.each([
    ['!!js/function', 'name: !!js/function "function () { return 1 }"\n'],
    ['a custom !foo tag', 'name: !foo bar\n'],
  ])('refuses %s', (_label, text) => {
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'data.yaml', line: 1 });
    expect(problem?.message).toMatch(/tag/i);
  });

  it('refuses duplicate keys', () => {
    const [problem] = problemsOf('name: x\nname: y\n');
    expect(problem).toMatchObject({ path: 'data.yaml', line: 2 });
    expect(problem?.message).toMatch(/unique/i);
  });

  it('caps aliases ("billion laughs")', () => {
    // Nine levels of ten aliases each would expand to 10^9 strings.
    let text = 'name: x\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const started = Date.now();
    const [problem] = problemsOf(text, z.looseObject({}));
    expect(problem?.message).toMatch(/alias/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('parseDataFile', () => {
  it('reads a file and names it in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparring-data-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'name: 3\n');
    expect(() => parseDataFile(path, Schema)).toThrow(`${path}:1: name:`);
  });

  it('reports a file it cannot read', () => {
    expect(() => parseDataFile('/nonexistent/sparring.yaml', Schema)).toThrow(/cannot read: ENOENT/);
  });
});
