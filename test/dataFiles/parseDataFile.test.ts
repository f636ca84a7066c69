// server/dataFiles/parseDataFile.ts: data files a person wrote fail with path, line and field,
// and are never executed (no custom tags, no duplicate keys, no alias bombs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileError, type FileProblem } from '../../server/dataFiles/fileError.ts';
import { parseDataFile, parseDataText } from '../../server/dataFiles/parseDataFile.ts';

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
      { path: 'data.yaml', line: 5, field: 'items[2].n', message: expect.stringMatching(/expected number/), detail: { kind: 'schema', code: 'invalid_type', expected: 'number', received: 'string' } },
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

  it('caps aliases ("billion laughs"), naming the line of the first alias', () => {
    // Nine levels of ten aliases each would expand to 10^9 strings.
    let text = 'name: x\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const started = Date.now();
    const [problem] = problemsOf(text, z.looseObject({}));
    expect(problem).toMatchObject({ path: 'data.yaml', line: 3, message: expect.stringMatching(/alias/i) });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('names an unknown field on its own line', () => {
    const strict = z.strictObject({ name: z.string(), items: z.array(z.strictObject({ n: z.number() })) });
    expect(problemsOf('name: x\nitems:\n  - n: 1\n    m: 2\nextra: 3\n', strict)).toEqual([
      { path: 'data.yaml', line: 4, field: 'items[0].m', message: 'unknown field', detail: { kind: 'unknown_field' } },
      { path: 'data.yaml', line: 5, field: 'extra', message: 'unknown field', detail: { kind: 'unknown_field' } },
    ]);
  });

  it('finds duplicate keys among thousands quickly, in nested mappings too', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join('\n');
    const started = Date.now();
    const problems = problemsOf(`${many}\nouter:\n  a: 1\n  a: 2\nk7: again\n`, z.looseObject({}));
    expect(problems).toEqual([
      { path: 'data.yaml', line: 30_003, message: expect.stringMatching(/unique.*"a"/), detail: { kind: 'duplicate_key', key: 'a' } },
      { path: 'data.yaml', line: 30_004, message: expect.stringMatching(/unique.*"k7"/), detail: { kind: 'duplicate_key', key: 'k7' } },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses nesting too deep to read as one clean problem, not a crash', () => {
    for (const text of [`name: ${'['.repeat(20_000)}`, `${'- '.repeat(20_000)}x`]) {
      const problems = problemsOf(text);
      expect(problems[0]).toMatchObject({ path: 'data.yaml', line: 1, message: 'nested too deeply' });
      expect(problems.length).toBeLessThanOrEqual(51);
    }
  });

  it('reports at most 50 problems, and says how many more there were', () => {
    const text = `name: x\nitems:\n${Array.from({ length: 80 }, () => '  - n: no').join('\n')}\n`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(51);
    expect(problems[50]).toEqual({ path: 'data.yaml', message: expect.stringMatching(/more problems/) });
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
