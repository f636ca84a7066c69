// How much one run of a persona's own tests may ask (server/personas/personaTestLimits.ts):
// the starter personas are far inside the limits; a file over a count is refused before it
// runs, with the limit named.
import { describe, expect, it } from 'vitest';
import { loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { overTestLimits, PERSONA_TEST_LIMITS } from '../../server/personas/personaTestLimits.ts';
import type { PersonaFile } from '../../server/personas/schema.ts';

const starters = loadPersonaLibrary().personas;
const base = starters.find((p) => p.id === 'double-charge' && p.locale === 'en')!;
const turn = { say: 'I see.', expect: {} };
const test = (name: string, turns: number): PersonaFile['tests'][number] => ({ name, seed: 1, turns: Array.from({ length: turns }, () => turn), outcome: 'ongoing' });

describe('persona test limits', () => {
  it('let every starter persona’s tests run', () => {
    expect(starters.length).toBeGreaterThan(0);
    for (const persona of starters) expect(overTestLimits(persona, PERSONA_TEST_LIMITS)).toBeNull();
  });

  it('refuse a test longer than any session, naming it and the limit', () => {
    const persona = { ...base, tests: [test('short', 3), test('endless small talk', 2000)] };
    expect(overTestLimits(persona, PERSONA_TEST_LIMITS)).toBe('tests: "endless small talk" has 2000 turns, at most 100 per test');
  });

  it('refuse too many tests', () => {
    const persona = { ...base, tests: Array.from({ length: 51 }, (_, i) => test(`test ${i}`, 1)) };
    expect(overTestLimits(persona, PERSONA_TEST_LIMITS)).toBe('tests: 51 tests, at most 50 may run at once');
  });

  it('refuse too many turns in all, each test within its own limit', () => {
    const persona = { ...base, tests: Array.from({ length: 11 }, (_, i) => test(`test ${i}`, 100)) };
    expect(overTestLimits(persona, PERSONA_TEST_LIMITS)).toBe('tests: 1100 turns in all, at most 1000 may run at once');
  });
});
