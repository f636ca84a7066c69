/**
 * A conduct fault (a signal the rubric tags misconduct: a threat, a disclosure, a false
 * promise…) always costs the trainee with the customer: every persona says how each one
 * raises anger and lowers trust, or, where this customer would not react so, why not. A
 * file that forgets is refused at load, by line and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRubricSignals } from '../../server/dataFiles/loadRubric.ts';
import { FileError } from '../../server/dataFiles/fileError.ts';
import { loadPersonaLibrary, parsePersonaText, PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';

const signals = defaultRubricSignals();
const name = 'late-disbursement/en.yaml';
const text = readFileSync(join(PERSONAS_DIR, name), 'utf8');
const lineOf = (t: string, needle: string): number => t.slice(0, t.indexOf(needle)).split('\n').length;

function problemsOf(t: string) {
  try {
    parsePersonaText(name, t, signals);
  } catch (err) {
    if (err instanceof FileError) return err.problems;
    throw err;
  }
  return [];
}

/** The file with one effect line replaced. */
function withEffect(id: string, effect: string | null): string {
  const line = new RegExp(`^(\\s+)${id.replace('.', '\\.')}: .*$`, 'm');
  expect(text).toMatch(line);
  return text.replace(line, effect === null ? '' : `$1${id}: ${effect}`);
}

describe('a conduct fault in a persona file', () => {
  it('is in every shipped persona, raising anger and lowering trust or saying why not', () => {
    for (const p of loadPersonaLibrary().personas) {
      for (const id of signals.misconduct) {
        const effect = p.mood.effects[id];
        expect(effect, `${p.id}/${p.locale} ${id}`).toBeDefined();
        if (!((effect!.anger ?? 0) > 0 && (effect!.trust ?? 0) < 0)) expect(effect!.because, `${p.id}/${p.locale} ${id}`).toBeTruthy();
      }
    }
  });

  it('is refused where it leaves anger alone without a reason, on its own line', () => {
    const calm = withEffect('conduct.threat', '{ trust: -4 }');
    expect(problemsOf(calm)).toEqual([
      {
        path: name,
        line: lineOf(calm, 'conduct.threat: { trust: -4 }'),
        field: 'mood.effects.conduct.threat',
        message: '"conduct.threat" is a conduct fault: it must raise anger and lower trust, or say why not in "because"',
      },
    ]);
  });

  it('is refused where it calms the customer, even with the trust lost', () => {
    expect(problemsOf(withEffect('conduct.abusive', '{ anger: -1, trust: -4 }')).map((p) => p.field)).toEqual(['mood.effects.conduct.abusive']);
  });

  it('is accepted with the reason the customer does not take it badly', () => {
    expect(problemsOf(withEffect('conduct.threat', '{ trust: -4, because: "She expects the bank to be firm and takes it as business." }'))).toEqual([]);
  });

  it('is refused where the file does not name it at all', () => {
    const problems = problemsOf(withEffect('conduct.credential_request', null));
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['mood.effects', 'no effect for "conduct.credential_request", a conduct fault in the rubric lending-service-v1: say how it raises anger and lowers trust'],
    ]);
  });
});
