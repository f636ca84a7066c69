/**
 * The starter personas: each in all three locales, every file valid, and every file's own
 * conversations pass, among them one where the customer calms under good handling and one
 * where they escalate under bad handling.
 */
import { describe, expect, it } from 'vitest';
import { loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { runPersonaTests } from '../../server/personas/personaTests.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import { formatProblem } from '../../server/dataFiles/fileError.ts';
import { LOCALES } from '../../server/scoring/types.ts';

const STARTERS = [
  'late-disbursement',
  'overdue-lost-income',
  'first-time-applicant',
  'double-charge',
  'third-party-answer',
  'elderly-mobile-banking',
  'fraud-kyc-applicant',
  'impersonation-transfer',
  'guarantor-refusal',
  'early-repayment',
  'data-exposure',
  'farmer-reschedule',
  'urgent-repayment',
  'satisfaction-callback',
  'cashflow-squeeze',
  'idle-savings-depositor',
];
const library = loadPersonaLibrary();
const { scoreTurn } = createScorer(loadDefaultRubric());

describe('the starter persona library', () => {
  it('has no invalid file', () => {
    expect(library.problems.map(formatProblem)).toEqual([]);
  });

  it.each(STARTERS)('has %s in every locale', (id) => {
    expect(library.personas.filter((p) => p.id === id).map((p) => p.locale).sort()).toEqual([...LOCALES].sort());
  });

  describe.each(library.personas.map((p) => [`${p.id}/${p.locale}`, p] as const))('%s', (_name, persona) => {
    it('has a good-handling test that resolves and a bad-handling test that escalates', () => {
      expect(persona.tests.map((t) => t.outcome)).toEqual(expect.arrayContaining(['resolved', 'escalated']));
    });

    it('passes its own conversations', async () => {
      const failures = (await runPersonaTests(persona, scoreTurn)).flatMap((r) => r.failures.map((f) => `${r.test}: ${f}`));
      expect(failures).toEqual([]);
    });
  });
});
