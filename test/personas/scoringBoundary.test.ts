// The persona runtime takes each trainee turn already scored: nothing under server/personas/
// imports the scoring engine or the rubric, only the contract's shapes (server/scoring/types.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PERSONAS = join(ROOT, 'server', 'personas');
const SCORING = join(ROOT, 'server', 'scoring');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the persona runtime', () => {
  it('imports nothing from server/scoring/ but types.ts', () => {
    const files = sources(PERSONAS);
    expect(files.length).toBeGreaterThan(10);
    const reached = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)]
        .map((m) => resolve(dirname(file), m[1]!))
        .filter((target) => target.startsWith(`${SCORING}/`) && target !== join(SCORING, 'types.ts'))
        .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
    );
    expect(reached).toEqual([]);
  });
});
