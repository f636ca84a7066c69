/**
 * The trainee's pages' text (the customers, the briefing, the chat, the scorecard, assigned
 * practice) in every interface language. Loaded with the trainee's pages, and with the
 * coach's and QA's pages, which show some of them (App.tsx).
 */
import type { UiLocale } from '../../shared/i18n/interfaceLanguages.ts';
import type { AreaCatalogue } from '../../shared/i18n/messageRegistry.ts';
import { traineeEn, type TraineeKey } from './en.ts';
import { traineeZhHans } from './zh-Hans.ts';
import { traineeZhHant } from './zh-Hant.ts';

export const catalogue: AreaCatalogue<UiLocale, TraineeKey> = {
  area: 'trainee',
  messages: { en: traineeEn, 'zh-Hans': traineeZhHans, 'zh-Hant': traineeZhHant },
};
