// A fourth interface language needs nothing but its catalogues and a line in the list of
// interface languages: here Russian, from test data, added to the real shared catalogue at
// run time. Its strings show, its plural forms come from Intl.PluralRules, a missing key
// fails the completeness check, and the conversation stays in a language the rubric knows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogueProblems } from '../../client/src/shared/i18n/catalogueCheck.ts';
import { conversationLocaleFor, REFERENCE_UI_LOCALE, UI_LOCALES } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { localeForLanguages } from '../../client/src/shared/i18n/localeMatch.ts';
import { formatMessage } from '../../client/src/shared/i18n/message.ts';
import { createMessageRegistry, type AreaCatalogue } from '../../client/src/shared/i18n/messageRegistry.ts';
import { catalogue as shared } from '../../client/src/shared/i18n/messages/index.ts';
import { signalNames } from '../../client/src/shared/signals.ts';
import type { SignalCatalog } from '../../client/src/shared/contract.ts';

const russian = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(new URL('./fixtures/shared.ru.json', import.meta.url), 'utf8')));
const LOCALES = [...UI_LOCALES, 'ru'] as const;
type TestLocale = (typeof LOCALES)[number];

const withRussian: AreaCatalogue<TestLocale> = { area: 'shared', messages: { ...shared.messages, ru: russian } };

describe('a fourth interface language', () => {
  it('shows its own strings once its catalogue is registered, and the others still theirs', () => {
    const messages = createMessageRegistry<TestLocale>();
    messages.add(withRussian);
    expect(messages.text('ru', 'login.title')).toBe('Вход');
    expect(messages.text('ru', 'nav.signedInAs', { name: 'mei' })).toBe('Вы вошли как mei');
    expect(messages.text('en', 'login.title')).toBe('Sign in');
    expect(messages.text('zh-Hant', 'login.title')).toBe('登入');
    expect(messages.text('ru', 'coach.nav.label')).toBeNull();
  });

  it('passes the completeness check when whole, and fails it naming the key it lacks', () => {
    expect(catalogueProblems(withRussian, LOCALES, REFERENCE_UI_LOCALE)).toEqual([]);
    const { 'login.title': _dropped, ...lacking } = russian;
    const incomplete: AreaCatalogue<TestLocale> = { area: 'shared', messages: { ...shared.messages, ru: lacking } };
    expect(catalogueProblems(incomplete, LOCALES, REFERENCE_UI_LOCALE)).toEqual(['shared: ru lacks "login.title"']);
    // A language in the list with no catalogue at all is named too.
    expect(catalogueProblems(shared, LOCALES, REFERENCE_UI_LOCALE)).toEqual(['shared: no catalogue for ru']);
  });

  it('counts in its own plural forms, and the check asks for each of them', () => {
    const turns = { one: '{count} реплика', few: '{count} реплики', many: '{count} реплик', other: '{count} реплики' };
    expect([1, 2, 5, 21, 1.5].map((count) => formatMessage('ru', turns, { count }))).toEqual([
      '1 реплика',
      '2 реплики',
      '5 реплик',
      '21 реплика',
      '1.5 реплики',
    ]);
    const { many: _many, ...short } = turns;
    const counted: AreaCatalogue<TestLocale> = {
      area: 'demo',
      messages: { en: { turns: { one: '{count} turn', other: '{count} turns' } }, 'zh-Hans': { turns: '{count} 轮' }, 'zh-Hant': { turns: '{count} 輪' }, ru: { turns: short } },
    };
    expect(catalogueProblems(counted, LOCALES, REFERENCE_UI_LOCALE)).toEqual(['demo: ru "turns" lacks the plural form "many"']);
    const uncounted: AreaCatalogue<TestLocale> = { ...counted, messages: { ...counted.messages, ru: { turns: '{count} реплик' } } };
    expect(catalogueProblems(uncounted, LOCALES, REFERENCE_UI_LOCALE)).toEqual(['demo: ru "turns" needs the plural forms one, few, many, other']);
  });

  it('is picked from the browser when it comes first, and the conversation stays in a language the rubric has', () => {
    expect(localeForLanguages(['ru-RU', 'en-US'], LOCALES, REFERENCE_UI_LOCALE)).toBe('ru');
    expect(localeForLanguages(['fr-FR', 'zh-HK'], LOCALES, REFERENCE_UI_LOCALE)).toBe('zh-Hant');
    expect(conversationLocaleFor('ru')).toBe('en');
  });

  it("shows the rubric's signal labels in the closest language the rubric has", () => {
    const catalog: SignalCatalog = {
      rubric: 'test',
      signals: [{ id: 'listening.reflection', criterion: 'active_listening', tone: 'good', tags: [], label: { en: 'reflection', 'zh-Hans': '复述', 'zh-Hant': '複述' }, failsSession: false }],
      processes: [],
    };
    expect(signalNames(catalog, 'ru').label('listening.reflection')).toBe('reflection');
    expect(signalNames(catalog, 'zh-HK').label('listening.reflection')).toBe('複述');
  });
});
