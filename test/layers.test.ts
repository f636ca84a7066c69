// Every test file runs in exactly one layer: the projects of vitest.config.ts, matched the
// way vitest matches them, against the test files on disk. A new folder under test/ needs a
// layer in test/layers.ts, and an exception that no longer says anything is a failure too.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projects } from '../vitest.config.ts';
import { EXCEPTIONS, FOLDER_LAYER, folderOf, LAYERS, TEST_FILES } from './layers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The globs test/layers.ts writes: `**` for any folders, `*` within one name, the rest literal. */
function globPattern(glob: string): RegExp {
  const parts = glob.split('/');
  const source = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      return part.replace(/[.+^$()|\\]/g, '\\$&').replaceAll('*', '[^/]*') + (last ? '' : '/');
    })
    .join('');
  return new RegExp(`^${source}$`);
}
const matchesAny = (path: string, globs: readonly string[]): boolean => globs.some((glob) => globPattern(glob).test(path));

const testFiles = readdirSync(`${ROOT}test`, { recursive: true, encoding: 'utf8' })
  .map((path) => `test/${path.split('\\').join('/')}`)
  .filter((path) => globPattern(TEST_FILES).test(path))
  .sort();

const layerProjects = projects.map((project) => ({
  name: project.test?.name,
  include: project.test?.include ?? [],
  exclude: project.test?.exclude ?? [],
}));

describe('test layers', () => {
  it('matches globs the way vitest does', () => {
    expect(globPattern('test/*.test.ts').test('test/layers.test.ts')).toBe(true);
    expect(globPattern('test/*.test.ts').test('test/http/app.test.ts')).toBe(false);
    expect(globPattern('test/http/**/*.test.ts').test('test/http/app.test.ts')).toBe(true);
    expect(globPattern('test/http/**/*.test.ts').test('test/http/deep/er/app.test.ts')).toBe(true);
    expect(globPattern('test/http/**/*.test.ts').test('test/https/app.test.ts')).toBe(false);
    expect(globPattern('**/node_modules/**').test('node_modules/vitest/index.js')).toBe(true);
    // Only what globPattern understands is used: no braces, brackets, `?` or negation.
    for (const { include, exclude } of layerProjects) for (const glob of [...include, ...exclude]) expect(glob).not.toMatch(/[{}[\]?!]/);
  });

  it('has one project per layer', () => {
    expect(layerProjects.map((p) => p.name)).toEqual([...LAYERS]);
  });

  it('puts every test file in exactly one project', () => {
    expect(testFiles.length).toBeGreaterThan(50);
    const unplaced: string[] = [];
    for (const file of testFiles) {
      const placed = layerProjects.filter((p) => matchesAny(file, p.include) && !matchesAny(file, p.exclude)).map((p) => p.name);
      if (placed.length !== 1) unplaced.push(`${file}: ${placed.length ? placed.join(', ') : 'no layer (give its folder one in test/layers.ts)'}`);
    }
    expect(unplaced).toEqual([]);
  });

  it('lists as exceptions only files that exist and are not of their folder’s layer', () => {
    for (const [path, { layer }] of Object.entries(EXCEPTIONS)) {
      expect(testFiles, path).toContain(path);
      expect(FOLDER_LAYER[folderOf(path)], path).not.toBe(layer);
    }
  });

  it('places new files by their folder', () => {
    const layerOf = (file: string) => layerProjects.filter((p) => matchesAny(file, p.include) && !matchesAny(file, p.exclude)).map((p) => p.name);
    for (const folder of ['client', 'text', 'scoring', 'personas', 'personas/voice', 'coaching', 'dataFiles']) expect(layerOf(`test/${folder}/new.test.ts`), folder).toEqual(['unit']);
    for (const folder of ['http', 'sessions', 'store', 'store/file', 'integration']) expect(layerOf(`test/${folder}/new.test.ts`), folder).toEqual(['integration']);
    expect(layerOf('test/e2e/new.test.ts')).toEqual(['browser']);
  });
});
