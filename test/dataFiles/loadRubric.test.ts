/**
 * Rubric files as a QA person edits them: a new word in a list works with no code change,
 * and a mistake names the file, the line and the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../server/dataFiles/fileError.ts';
import { loadRubric, loadRubricById, RUBRICS_DIR } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';

const original = readFileSync(join(RUBRICS_DIR, 'lending-service-v1.yaml'), 'utf8');

function writeRubric(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sparring-rubric-')), 'edited.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(path: string): FileError['problems'] {
  try {
    loadRubric(path);
  } catch (err) {
    if (err instanceof FileError) return err.problems;
    throw err;
  }
  throw new Error('the rubric loaded');
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const reply = (locale: 'en' | 'zh-Hant', text: string) =>
  scoreTranscript(loadRubric(writeRubric(original)), { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;

describe('editing the default rubric', () => {
  it('a jargon term added to the list is flagged, with its plain words as the suggestion', () => {
    expect(reply('zh-Hant', '這筆貸款有砍頭息。').signals).not.toContain('plain.jargon');
    const edited = original.replace(
      '            - { term: [年化利率, 年化, 年利率], plain: 一年的利息是多少 }',
      '            - { term: [年化利率, 年化, 年利率], plain: 一年的利息是多少 }\n            - { term: [砍头息], plain: 放款時先扣掉的利息 }',
    );
    const scored = scoreTranscript(loadRubric(writeRubric(edited)), {
      locale: 'zh-Hant',
      turns: [{ role: 'trainee', text: '這筆貸款有砍頭息。' }],
    }).turns[0]!;
    expect(scored.signals).toContain('plain.jargon');
    expect(scored.criteria.plain_language.evidence[0]).toMatchObject({ text: '砍頭息', suggestion: '放款時先扣掉的利息' });
    expect(scored.criteria.plain_language.feedback).toContain('放款時先扣掉的利息');
  });

  it('a prohibited collection phrase added to the threat list is flagged as a threat', () => {
    const text = "We'll repossess your furniture tonight.";
    expect(reply('en', text).signals).not.toContain('conduct.threat');
    const edited = original.replace('            - go to jail\n', '            - go to jail\n            - repossess your furniture\n');
    const scored = scoreTranscript(loadRubric(writeRubric(edited)), { locale: 'en', turns: [{ role: 'trainee', text }] }).turns[0]!;
    expect(scored.signals).toContain('conduct.threat');
    expect(scored.criteria.conduct.score).toBe(0);
  });
});

describe('a broken rubric names its path, line and field', () => {
  it('an unknown detector type', () => {
    const edited = original.replace('      - type: sentence_length', '      - type: sentence_lenght');
    const path = writeRubric(edited);
    const [problem] = problemsOf(path);
    expect(problem).toMatchObject({ path, line: lineOf(edited, 'type: sentence_lenght') });
    expect(problem!.field).toMatch(/^signals\[\d+\]\.detectors\[0\]/);
  });

  it('a parameter of the wrong type', () => {
    const edited = original.replace('max: { zh: 60, en: 32 }', 'max: { zh: sixty, en: 32 }');
    const path = writeRubric(edited);
    const [problem] = problemsOf(path);
    expect(problem).toMatchObject({ path, line: lineOf(edited, 'sixty') });
    expect(problem!.field).toMatch(/detectors\[0\]\.max\.zh$/);
  });

  it('a regular expression that does not compile', () => {
    const edited = original.replace('"(有什么|有啥)好(生气|着急|激动|急|担心)"', '"(有什么|有啥好"');
    const [problem] = problemsOf(writeRubric(edited));
    expect(problem!.line).toBe(lineOf(edited, '"(有什么|有啥好"'));
    expect(problem!.message).toMatch(/not a valid regular expression/);
  });

  it('a signal linked to one that does not exist', () => {
    const edited = original.replace('also: [empathy.dismissive]', 'also: [empathy.dismisive]');
    const [problem] = problemsOf(writeRubric(edited));
    expect(problem!.message).toContain('empathy.dismisive');
    expect(problem!.line).toBe(lineOf(edited, 'also: [empathy.dismisive]'));
  });

  it('a process step naming a signal the rubric does not have', () => {
    const edited = original.replace('        signal: collection.agree_plan\n', '        signal: collection.agree_plans\n');
    const path = writeRubric(edited);
    const [problem] = problemsOf(path);
    expect(problem).toMatchObject({ path, line: lineOf(edited, 'signal: collection.agree_plans'), field: 'processes.collection.steps[4].signal' });
    expect(problem!.message).toContain('no signal "collection.agree_plans"');
  });

  it('a step signal that belongs to no process', () => {
    const edited = original.replace('      - step: confirm_solved\n        signal: general.confirm_solved\n', '      - step: confirm_solved\n        whole_call: true\n        label: { en: "step: confirm", zh-Hans: "确认", zh-Hant: "確認" }\n');
    const problems = problemsOf(writeRubric(edited));
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('process_step signal "general.confirm_solved" is a step of no process'));
  });

  it('a YAML tag that would make data into code is refused', () => {
    const edited = original.replace('id: lending-service-v1', 'id: !!js/function "function () { return 1 }"');
    const [problem] = problemsOf(writeRubric(edited));
    expect(problem!.line).toBe(lineOf(edited, '!!js/function'));
  });
});

describe('a rubric id', () => {
  it.each(['../../package', '../rubrics/lending-service-v1', '/etc/passwd', 'a/b', 'lending-service-v1\u0000'])('never reaches a file outside rubrics/: %j', (id) => {
    // A file outside the folder that would pass as a rubric if it were read.
    const dir = mkdtempSync(join(tmpdir(), 'rubric-id-'));
    writeFileSync(join(dir, 'outside.yaml'), original);
    expect(() => loadRubricById(id, join(dir, 'rubrics'))).toThrow(/is not a rubric id/);
  });

  it('finds the default rubric by its id', () => {
    expect(loadRubricById('lending-service-v1').id).toBe('lending-service-v1');
  });
});
