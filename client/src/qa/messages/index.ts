/**
 * The QA pages' text (the persona library, the editor, tests, try-outs) in every interface
 * language, loaded with those pages (App.tsx).
 */
import type { UiLocale } from '../../shared/i18n/interfaceLanguages.ts';
import type { AreaCatalogue } from '../../shared/i18n/messageRegistry.ts';
import { qaEn, type QaKey } from './en.ts';
import { qaZhHans } from './zh-Hans.ts';
import { qaZhHant } from './zh-Hant.ts';

export const catalogue: AreaCatalogue<UiLocale, QaKey> = {
  area: 'qa',
  messages: { en: qaEn, 'zh-Hans': qaZhHans, 'zh-Hant': qaZhHant },
};
