// A persona problem as the QA editor words it (client/src/qa/problemText.ts): from the code the
// server sends, in the interface language, with the field named the way the persona form names
// it; a problem without a code keeps the server's words.
import { describe, expect, it } from 'vitest';
import { createMessageRegistry } from '../../client/src/shared/i18n/messageRegistry.ts';
import type { UiLocale } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { catalogue as qa } from '../../client/src/qa/messages/index.ts';
import { problemText, type Translate } from '../../client/src/qa/problemText.ts';

const messages = createMessageRegistry<UiLocale>();
messages.add(qa);
const tIn = (locale: UiLocale): Translate => ((key: string, vars?: Record<string, string | number>) => messages.text(locale, key as never, vars as never) ?? key) as Translate;

const leak = {
  line: 13,
  field: 'summary',
  message: 'gives away the hidden fact "purpose" (new grill): what trainees see must not tell what the customer keeps until asked',
  detail: { kind: 'hidden_fact_shown' as const, fact: 'purpose', evidence: ['balance on a new grill', 'next Monday'] },
};

describe('a persona problem in the QA editor', () => {
  it('says a hidden fact given away in the reader\'s interface language, with the field, the fact and the words', () => {
    expect(problemText(leak, tIn('en'))).toBe(
      'Summary for trainees: gives away the hidden fact “purpose” (balance on a new grill · next Monday). What trainees see must not tell what the customer keeps until asked: reword it.',
    );
    expect(problemText(leak, tIn('zh-Hans'))).toBe('给学员的简介: 泄露了隐藏事实“purpose”（balance on a new grill · next Monday）。学员看到的内容不能透露客户要等问对了才说的事，请改写。');
    expect(problemText(leak, tIn('zh-Hant'))).toMatch(/^給學員的簡介: 洩露了隱藏事實「purpose」/);
  });

  it('keeps the server\'s message for a problem without a code', () => {
    expect(problemText({ line: 3, field: 'difficulty', message: 'Invalid option' }, tIn('zh-Hans'))).toBe('难度: Invalid option');
    expect(problemText({ line: 2, message: 'Nested mappings are not allowed' }, tIn('en'))).toBe('Nested mappings are not allowed');
  });

  it('words a YAML parser error by its code, whatever the parser said', () => {
    const indent = { line: 7, message: 'All mapping items must start at the same column', detail: { kind: 'yaml' as const, code: 'BAD_INDENT' } };
    expect(problemText(indent, tIn('zh-Hans'))).toBe('这里的缩进不对：请与同一层级的行对齐');
    expect(problemText(indent, tIn('zh-Hant'))).toBe('這裡的縮排不對：請與同一層級的行對齊');
    expect(problemText({ line: 2, message: 'Unexpected flow-map-end token', detail: { kind: 'yaml' as const, code: 'UNEXPECTED_TOKEN' } }, tIn('en'))).toBe(
      'this line cannot be read as YAML (UNEXPECTED_TOKEN): check its colons, quotes and indentation',
    );
  });

  it('words schema mistakes with the field the form names', () => {
    const mood = { line: 49, field: 'mood.initial.anger', message: 'Invalid input: expected number, received string', detail: { kind: 'schema' as const, code: 'invalid_type', expected: 'number', received: 'string' } };
    expect(problemText(mood, tIn('en'))).toBe('Starting anger: should be a number, not text');
    expect(problemText(mood, tIn('zh-Hans'))).toBe('初始愤怒: 应该是数字，而不是文字');
    expect(problemText(mood, tIn('zh-Hant'))).toBe('初始憤怒: 應該是數字，而不是文字');
    const missing = { field: 'summary', message: 'Invalid input', detail: { kind: 'schema' as const, code: 'invalid_type', expected: 'string', received: 'undefined' } };
    expect(problemText(missing, tIn('zh-Hans'))).toBe('给学员的简介: 缺少这一项');
    const tooBig = { field: 'mood.initial.trust', message: 'Too big', detail: { kind: 'schema' as const, code: 'too_big', origin: 'number', maximum: 10 } };
    expect(problemText(tooBig, tIn('en'))).toBe('Starting trust: must be at most 10');
    const empty = { field: 'opening', message: 'Too small', detail: { kind: 'schema' as const, code: 'too_small', origin: 'array', minimum: 1 } };
    expect(problemText(empty, tIn('zh-Hant'))).toBe('開場白: 至少需要 1 項');
    const oneOf = { field: 'difficulty', message: 'Invalid option', detail: { kind: 'schema' as const, code: 'invalid_value', values: ['easy', 'medium', 'hard'] } };
    expect(problemText(oneOf, tIn('zh-Hans'))).toBe('难度: 必须是以下之一：easy, medium, hard');
  });

  it('names a field inside a list by its form label and position, and an unknown field as written', () => {
    const say = { field: 'reveals[1].say[0]', message: 'Too small', detail: { kind: 'schema' as const, code: 'too_small', origin: 'string', minimum: 1 } };
    expect(problemText(say, tIn('en'))).toBe('What the customer then says (2.1): must not be empty');
    expect(problemText({ field: 'moood', message: 'unknown field', detail: { kind: 'unknown_field' as const } }, tIn('zh-Hans'))).toBe('moood: 不是角色文件中的字段：请检查拼写和缩进');
    expect(problemText({ field: 'mood.effects.empathy.imaginary', message: 'no signal', detail: { kind: 'unknown_name' as const, of: 'signal' as const, name: 'empathy.imaginary' } }, tIn('zh-Hans'))).toBe(
      '各信号的影响 · empathy.imaginary: 评分标准中没有信号“empathy.imaginary”',
    );
  });
});
