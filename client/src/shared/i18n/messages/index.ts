/**
 * The text every area shows (the frame, the sign-in, errors, criteria, mood, the
 * connection), in every interface language. It is in the first bundle; each area's own
 * text loads with its pages (App.tsx).
 */
import type { UiLocale } from '../interfaceLanguages.ts';
import type { AreaCatalogue } from '../messageRegistry.ts';
import { sharedEn, type SharedKey } from './en.ts';
import { sharedZhHans } from './zh-Hans.ts';
import { sharedZhHant } from './zh-Hant.ts';

export const catalogue: AreaCatalogue<UiLocale, SharedKey> = {
  area: 'shared',
  messages: { en: sharedEn, 'zh-Hans': sharedZhHans, 'zh-Hant': sharedZhHant },
};
