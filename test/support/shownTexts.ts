/**
 * Every text of the default rubric and of the coaching tables that someone reads: feedback,
 * coaching lines, names, labels, goals and the plain words of jargon, each with where it is.
 * For the tests that check them all (the script, the examples).
 */
import * as wording from '../../server/coaching/wording.ts';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, readRubricFile } from '../../server/dataFiles/loadRubric.ts';
import { LocalText } from '../../server/scoring/detectors/definition.ts';

export type Shown = [where: string, text: LocalText];

function shownTexts(value: unknown, where: string): Shown[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, i) => {
      const id = item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? item.id : String(i);
      return shownTexts(item, `${where}[${id}]`);
    });
  }
  if (!value || typeof value !== 'object') return [];
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
  const { en, zh, 'zh-Hans': hans, 'zh-Hant': hant, ...more } = record;
  const text = LocalText.safeParse({ en, zh, 'zh-Hans': hans, 'zh-Hant': hant });
  // A line's variants for one kind of call (wording.ts `in`) are shown too.
  if (text.success) return [[where, text.data], ...shownTexts(more, where)];
  // The plain words a Chinese jargon term's feedback suggests ({suggestion}).
  if (/\.zh\[\d+\]$/.test(where) && typeof record.plain === 'string') return [[`${where}.plain`, { en: '-', zh: record.plain }]];
  return Object.entries(record).flatMap(([key, inner]) => shownTexts(inner, `${where}.${key}`));
}

export function rubricTexts(): Shown[] {
  return shownTexts(readRubricFile(`${RUBRICS_DIR}/${DEFAULT_RUBRIC_ID}.yaml`), 'rubric');
}

export function wordingTexts(): Shown[] {
  const tables: Record<string, unknown> = { ...wording };
  return Object.entries(tables).flatMap(([name, table]) => shownTexts(table, `wording.${name}`));
}
