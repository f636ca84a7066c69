// A failure of a persona's own test as the QA editor words it (client/src/qa/testFailureText.ts):
// from the code the server sends, in the interface language, instead of the CLI's English.
import { describe, expect, it } from 'vitest';
import { createMessageRegistry } from '../../client/src/shared/i18n/messageRegistry.ts';
import type { UiLocale } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { catalogue as qa } from '../../client/src/qa/messages/index.ts';
import type { Translate } from '../../client/src/qa/problemText.ts';
import { testFailureText } from '../../client/src/qa/testFailureText.ts';

const messages = createMessageRegistry<UiLocale>();
messages.add(qa);
const tIn = (locale: UiLocale): Translate => ((key: string, vars?: Record<string, string | number>) => messages.text(locale, key as never, vars as never) ?? key) as Translate;

describe('a persona test failure in the QA editor', () => {
  it('says a mood that went the wrong way in the reader\'s language', () => {
    const failure = { kind: 'mood' as const, turn: 2, axis: 'anger' as const, expected: 'down' as const, got: 'up' as const, from: 5, to: 6.5 };
    expect(testFailureText(failure, tIn('en'))).toBe('turn 2: anger should go down, went up (5 → 6.5)');
    expect(testFailureText(failure, tIn('zh-Hans'))).toBe('第 2 轮: 愤怒应该下降，实际上升（5 → 6.5）');
    expect(testFailureText(failure, tIn('zh-Hant'))).toBe('第 2 輪: 憤怒應該下降，實際上升（5 → 6.5）');
  });

  it('words the outcome, a reveal that did not come and an end that did not come', () => {
    expect(testFailureText({ kind: 'outcome', expected: 'resolved', got: 'abandoned' }, tIn('zh-Hans'))).toBe('对话的结果应该是已解决，实际是客户放弃');
    expect(testFailureText({ kind: 'reveal', turn: 3, expected: 'sms', got: null }, tIn('zh-Hant'))).toBe('第 3 輪: 應該揭示 sms，實際揭示了 無');
    expect(testFailureText({ kind: 'ended', turn: 4, expected: true, outcome: null }, tIn('en'))).toBe('turn 4: the conversation should end here (outcome: not ended)');
  });
});
