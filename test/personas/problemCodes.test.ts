// Every persona problem carries a stable code and the values its sentence needs
// (server/domain/fileProblem.ts `detail`), so the QA editor can word it in the reader's
// language; `message` stays English for the command line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { personaProblems } from '../support/personaProblems.ts';

const shipped = readFileSync(join(PERSONAS_DIR, 'double-charge', 'en.yaml'), 'utf8');

const lineOf = (text: string, part: string): number => text.split('\n').findIndex((l) => l.includes(part)) + 1;

describe('the code of a persona problem', () => {
  it('gives a YAML parser error its parser code, on its line', () => {
    const text = shipped.replace('\nsummary:', '\n  summary:');
    const [first] = personaProblems(text);
    expect(first!.detail).toEqual({ kind: 'yaml', code: expect.stringMatching(/^[A-Z_]+$/) });
    expect(first!.message).toMatch(/[a-z]/);
  });

  it('names a key written twice', () => {
    const text = shipped.replace('\ndifficulty:', '\nname: Again\ndifficulty:');
    expect(personaProblems(text)).toEqual([expect.objectContaining({ line: expect.any(Number), detail: { kind: 'duplicate_key', key: 'name' } })]);
  });

  it('says a field the format does not have, on its own line', () => {
    const text = shipped.replace('\ndifficulty:', '\nmoood: calm\ndifficulty:');
    expect(personaProblems(text)).toEqual([expect.objectContaining({ field: 'moood', line: lineOf(text, 'moood'), detail: { kind: 'unknown_field' } })]);
  });

  it('gives a schema mistake its zod code and what the sentence needs', () => {
    const wrongType = shipped.replace(/anger: 5/, 'anger: furious');
    expect(personaProblems(wrongType)).toEqual([
      expect.objectContaining({ field: 'mood.initial.anger', detail: { kind: 'schema', code: 'invalid_type', expected: 'number', received: 'string' } }),
    ]);
    const tooBig = shipped.replace(/anger: 5/, 'anger: 12');
    expect(personaProblems(tooBig)).toEqual([expect.objectContaining({ field: 'mood.initial.anger', detail: { kind: 'schema', code: 'too_big', origin: 'number', maximum: 10 } })]);
    const notOne = shipped.replace(/^difficulty: .*$/m, 'difficulty: brutal');
    expect(personaProblems(notOne)).toEqual([
      expect.objectContaining({ field: 'difficulty', detail: { kind: 'schema', code: 'invalid_value', values: ['easy', 'medium', 'hard'] } }),
    ]);
    const missing = shipped.replace(/^summary: .*\n/m, '');
    expect(personaProblems(missing)).toEqual([expect.objectContaining({ field: 'summary', detail: expect.objectContaining({ code: 'invalid_type', received: 'undefined' }) })]);
  });

  it('names a signal the rubric does not have', () => {
    const text = shipped.replace(/^(\s+)(empathy\.\w+):/m, '$1empathy.imaginary:');
    expect(personaProblems(text)).toContainEqual(expect.objectContaining({ detail: { kind: 'unknown_name', of: 'signal', name: 'empathy.imaginary' } }));
  });
});
