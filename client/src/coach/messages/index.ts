/**
 * The coach pages' text (sessions, replay, review, assignments, progress) in every
 * interface language, loaded with those pages (App.tsx). What trainees and personas said,
 * and the rubric's feedback, stay in the session's own language and never pass through here.
 */
import type { UiLocale } from '../../shared/i18n/interfaceLanguages.ts';
import type { AreaCatalogue } from '../../shared/i18n/messageRegistry.ts';
import { coachEn, type CoachKey } from './en.ts';
import { coachZhHans } from './zh-Hans.ts';
import { coachZhHant } from './zh-Hant.ts';

export const catalogue: AreaCatalogue<UiLocale, CoachKey> = {
  area: 'coach',
  messages: { en: coachEn, 'zh-Hans': coachZhHans, 'zh-Hant': coachZhHant },
};
