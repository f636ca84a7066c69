// How an interface message is filled in and counted (client/src/shared/i18n/message.ts,
// messageRegistry.ts), and which interface language a browser gets first (localeMatch.ts).
import { describe, expect, it } from 'vitest';
import { conversationLocaleFor, REFERENCE_UI_LOCALE, UI_LOCALES, type UiLocale } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { localeForLanguages } from '../../client/src/shared/i18n/localeMatch.ts';
import { formatMessage } from '../../client/src/shared/i18n/message.ts';
import { createMessageRegistry } from '../../client/src/shared/i18n/messageRegistry.ts';
import { catalogue as shared } from '../../client/src/shared/i18n/messages/index.ts';
import { catalogue as trainee } from '../../client/src/trainee/messages/index.ts';
import { catalogue as coach } from '../../client/src/coach/messages/index.ts';
import { catalogue as qa } from '../../client/src/qa/messages/index.ts';

describe('an interface message', () => {
  it('puts values in as text, and leaves a name with no value as written', () => {
    expect(formatMessage('en', 'Signed in as {name}', { name: '<b>mei</b>' })).toBe('Signed in as <b>mei</b>');
    expect(formatMessage('en', 'reply {n} · {score} points', { n: 2 })).toBe('reply 2 · {score} points');
  });

  it('counts with the plural forms of the interface language', () => {
    const messages = createMessageRegistry<UiLocale>();
    messages.add(qa);
    messages.add(coach);
    messages.add(trainee);
    expect(messages.text('en', 'qa.status.invalidCount', { count: 1 })).toBe('Invalid · 1 problem');
    expect(messages.text('en', 'qa.status.invalidCount', { count: 3 })).toBe('Invalid · 3 problems');
    expect(messages.text('en', 'qa.check.invalid', { count: 1 })).toBe('Invalid: 1 problem. Fix it to save.');
    expect(messages.text('en', 'coach.sessions.count', { shown: 1, count: 1 })).toBe('1 of 1 session');
    expect(messages.text('en', 'coach.sessions.count', { shown: 0, count: 12 })).toBe('0 of 12 sessions');
    expect(messages.text('en', 'picker.count', { shown: 6, count: 18 })).toBe('6 of 18 customers');
    expect(messages.text('en', 'coach.progress.chartLabel', { count: 1 })).toBe('Scores per criterion in 1 session');
    expect(messages.text('zh-Hans', 'qa.status.invalidCount', { count: 1 })).toBe('有问题 · 1 处');
    expect(messages.text('zh-Hant', 'picker.count', { shown: 6, count: 18 })).toBe('共 18 位客戶，顯示 6 位');
  });

  it("is found only once its area's catalogue is loaded", () => {
    const messages = createMessageRegistry<UiLocale>();
    messages.add(shared);
    expect(messages.has('coach')).toBe(false);
    expect(messages.text('en', 'coach.nav.sessions')).toBeNull();
    messages.add(coach);
    expect(messages.text('zh-Hant', 'coach.nav.sessions')).toBe('練習紀錄');
    expect(messages.text('zh-Hans', 'login.title')).toBe('登录');
  });
});

describe('the interface language a browser gets before any choice', () => {
  const pick = (languages: string[]) => localeForLanguages(languages, UI_LOCALES, REFERENCE_UI_LOCALE);

  it('reads Traditional Chinese for Taiwan, Hong Kong and Macao, Simplified for other Chinese', () => {
    expect(['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-CN'].map((tag) => pick([tag]))).toEqual(['zh-Hant', 'zh-Hant', 'zh-Hant', 'zh-Hant', 'zh-Hant']);
    expect(['zh', 'zh-CN', 'zh-SG', 'zh-Hans-HK'].map((tag) => pick([tag]))).toEqual(['zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-Hans']);
  });

  it('takes the first language it has, and English when it has none', () => {
    expect(pick(['fr-FR', 'zh-TW', 'en'])).toBe('zh-Hant');
    expect(pick(['en-GB', 'zh-CN'])).toBe('en');
    expect(pick(['fr', 'de', 'not a tag'])).toBe('en');
    expect(pick([])).toBe('en');
  });
});

describe('the conversation language picked from the interface language', () => {
  it('is the same language where the rubric and personas have it', () => {
    expect(UI_LOCALES.map(conversationLocaleFor)).toEqual(['zh-Hans', 'zh-Hant', 'en']);
    expect(conversationLocaleFor('zh-HK')).toBe('zh-Hant');
    expect(conversationLocaleFor('en-GB')).toBe('en');
    expect(conversationLocaleFor('ja')).toBe('en');
  });
});
