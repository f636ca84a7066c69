/**
 * Persona files as a QA person writes them: a mistake names the path, line and field, a
 * file in the wrong place is refused, and one bad file never stops the others loading.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPersonaLibrary, PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { personaJsonSchema } from '../../server/personas/personaJsonSchema.ts';

const model = readFileSync(join(PERSONAS_DIR, 'late-disbursement', 'zh-Hant.yaml'), 'utf8');

function libraryWith(files: Record<string, string>): ReturnType<typeof loadPersonaLibrary> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sparring-personas-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { ...loadPersonaLibrary(dir), dir };
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('loading persona files', () => {
  it('loads a valid file', () => {
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model });
    expect(lib.problems).toEqual([]);
    expect(lib.personas.map((p) => `${p.id}/${p.locale}`)).toEqual(['late-disbursement/zh-Hant']);
  });

  it('names the path, line and field of a wrong value, and still loads the good files', () => {
    const broken = model.replace('initial: { anger: 7,', 'initial: { anger: 17,');
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model, 'late-disbursement/zh-Hans.yaml': broken.replace('locale: zh-Hant', 'locale: zh-Hans') });
    expect(lib.personas).toHaveLength(1);
    expect(lib.problems[0]).toMatchObject({
      path: join(lib.dir, 'late-disbursement', 'zh-Hans.yaml'),
      line: lineOf(broken, 'anger: 17'),
      field: 'mood.initial.anger',
    });
  });

  it('names a missing field', () => {
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model.replace(/\nopening:\n(  - .*\n)+/, '\n') });
    expect(lib.problems.map((p) => p.field)).toContain('opening');
  });

  it('refuses a reveal of a fact that does not exist', () => {
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model.replace('  - fact: truth', '  - fact: truht') });
    expect(lib.problems[0]).toMatchObject({ field: 'reveals[0].fact', line: lineOf(model, '  - fact: truth') });
  });

  it('refuses a file whose id or locale does not match its place', () => {
    const lib = libraryWith({ 'other-id/en.yaml': model });
    expect(lib.personas).toEqual([]);
    expect(lib.problems.map((p) => p.field).sort()).toEqual(['id', 'locale']);
  });

  it("names the line and field of a signal the rubric does not have, in mood effects and in reveals", () => {
    const broken = model
      .replace('    plain.long_sentence: { confusion: 1 }', '    plain.long_sentance: { confusion: 1 }')
      .replace('when_signals: [empathy.exploration, listening.open_question]', 'when_signals: [empathy.exploration, listening.open_questions]');
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': broken });
    const path = join(lib.dir, 'late-disbursement', 'zh-Hant.yaml');
    expect(lib.personas).toEqual([]);
    expect(lib.problems).toEqual([
      { path, line: lineOf(broken, 'plain.long_sentance'), field: 'mood.effects.plain.long_sentance', message: 'no signal "plain.long_sentance" in the rubric lending-service-v1', detail: { kind: 'unknown_name', of: 'signal', name: 'plain.long_sentance' } },
      { path, line: lineOf(broken, 'listening.open_questions'), field: 'reveals[1].when_signals[1]', message: 'no signal "listening.open_questions" in the rubric lending-service-v1', detail: { kind: 'unknown_name', of: 'signal', name: 'listening.open_questions' } },
    ]);
  });

  it('accepts every signal of the rubric, the ones beyond the contract too', () => {
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model.replace('    plain.long_sentence: { confusion: 1 }', '    plain.long_sentence: { confusion: 1 }\n    listening.unanswered_question: { anger: 1, trust: -1 }') });
    expect(lib.problems).toEqual([]);
    expect(lib.personas[0]!.mood.effects['listening.unanswered_question']).toEqual({ anger: 1, trust: -1 });
  });

  it('refuses YAML tags: nothing in a persona file is executed', () => {
    const lib = libraryWith({ 'late-disbursement/zh-Hant.yaml': model.replace('version: 1', 'version: !!js/function "function(){}"') });
    expect(lib.problems[0]!.line).toBe(lineOf(model, 'version: 1'));
  });
});

describe('the JSON Schema for editors', () => {
  it('is the one committed beside the personas', () => {
    expect(readFileSync(join(PERSONAS_DIR, 'persona.schema.json'), 'utf8')).toBe(personaJsonSchema());
  });

  it('describes the fields a QA person types', () => {
    const schema = JSON.parse(personaJsonSchema()) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'locale', 'facts', 'mood', 'lines', 'end', 'tests']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'opening', 'mood']));
  });
});
