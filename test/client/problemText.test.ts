// A persona problem as the QA editor words it (client/src/qa/problemText.ts): a hidden fact
// given away is said in the interface language; any other problem keeps the server's words.
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
      'summary: gives away the hidden fact “purpose” (balance on a new grill · next Monday). What trainees see must not tell what the customer keeps until asked: reword it.',
    );
    expect(problemText(leak, tIn('zh-Hans'))).toBe('summary: 泄露了隐藏事实“purpose”（balance on a new grill · next Monday）。学员看到的内容不能透露客户要等问对了才说的事，请改写。');
    expect(problemText(leak, tIn('zh-Hant'))).toMatch(/^summary: 洩露了隱藏事實「purpose」/);
  });

  it('keeps the server\'s message for any other problem', () => {
    expect(problemText({ line: 3, field: 'difficulty', message: 'Invalid option' }, tIn('zh-Hans'))).toBe('difficulty: Invalid option');
    expect(problemText({ line: 2, message: 'Nested mappings are not allowed' }, tIn('en'))).toBe('Nested mappings are not allowed');
  });
});
