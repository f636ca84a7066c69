// Every interface catalogue (client/src/*/messages/) in every interface language: the same
// keys as English, no others, the same {values}, and each counted message with the plural
// forms its language needs (client/src/shared/i18n/catalogueCheck.ts).
import { describe, expect, it } from 'vitest';
import { catalogueProblems, keysInTwoAreas } from '../../client/src/shared/i18n/catalogueCheck.ts';
import { REFERENCE_UI_LOCALE, UI_LOCALES } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { catalogue as shared } from '../../client/src/shared/i18n/messages/index.ts';
import { catalogue as trainee } from '../../client/src/trainee/messages/index.ts';
import { catalogue as coach } from '../../client/src/coach/messages/index.ts';
import { catalogue as qa } from '../../client/src/qa/messages/index.ts';

const AREAS = [shared, trainee, coach, qa];

describe('the interface catalogues', () => {
  it.each(AREAS.map((c) => [c.area, c] as const))('%s: every language has every key, no other, with the same values and plural forms', (_area, catalogue) => {
    expect(catalogueProblems(catalogue, UI_LOCALES, REFERENCE_UI_LOCALE)).toEqual([]);
  });

  it('has a catalogue for each area and no key in two areas', () => {
    expect(AREAS.map((c) => c.area)).toEqual(['shared', 'trainee', 'coach', 'qa']);
    expect(keysInTwoAreas(AREAS, REFERENCE_UI_LOCALE)).toEqual([]);
  });

  it('keeps no signal names: they come with the rubric (GET /api/signals)', () => {
    const keys = AREAS.flatMap((c) => UI_LOCALES.flatMap((l) => Object.keys(c.messages[l])));
    expect(keys.filter((k) => k.startsWith('signal.'))).toEqual([]);
  });

  it('names the problems a translator would fix', () => {
    const broken = {
      area: 'coach',
      messages: {
        en: { 'a.count': { one: '{count} session', other: '{count} sessions' }, 'a.name': 'by {name}' },
        'zh-Hans': { 'a.count': '{count} 次', 'a.name': '{author} 写' },
        'zh-Hant': { 'a.name': '{name} 寫', 'a.extra': '多的' },
      },
    };
    expect(catalogueProblems(broken, UI_LOCALES, REFERENCE_UI_LOCALE)).toEqual([
      'coach: zh-Hans "a.name" uses {author}, en uses {name}',
      'coach: zh-Hant lacks "a.count"',
      'coach: zh-Hant has "a.extra", which en does not',
    ]);
  });

  it('wants every plural form of the language, and none without a count', () => {
    const counted = {
      area: 'qa',
      messages: {
        en: { 'p.count': { other: '{count} problems' }, 'p.plain': 'problems' },
        'zh-Hans': { 'p.count': '{count} 处问题', 'p.plain': { other: '问题' } },
        'zh-Hant': { 'p.count': { other: '{count} 處問題' }, 'p.plain': '問題' },
      },
    };
    expect(catalogueProblems(counted, UI_LOCALES, REFERENCE_UI_LOCALE)).toEqual([
      'qa: zh-Hans "p.plain" has plural forms but no {count}',
      'qa: en "p.count" lacks the plural form "one"',
    ]);
  });
});
