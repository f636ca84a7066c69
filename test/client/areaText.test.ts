// Each page finds its words: a key a component uses is in a catalogue loaded with the
// component's area (App.tsx: the trainee's text with the trainee's pages; the coach's and
// QA's with theirs, each with the trainee's too, for the pieces they show of it), and shared/
// uses only the shared catalogue, which is there before any area loads. A key outside them
// would show as the raw key on the page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_UI_LOCALE } from '../../client/src/shared/i18n/interfaceLanguages.ts';
import { catalogue as shared } from '../../client/src/shared/i18n/messages/index.ts';
import { catalogue as trainee } from '../../client/src/trainee/messages/index.ts';
import { catalogue as coach } from '../../client/src/coach/messages/index.ts';
import { catalogue as qa } from '../../client/src/qa/messages/index.ts';

const SRC = fileURLToPath(new URL('../../client/src/', import.meta.url));
const keysOf = (...catalogues: Array<typeof shared | typeof trainee | typeof coach | typeof qa>) =>
  catalogues.flatMap((c) => Object.keys(c.messages[REFERENCE_UI_LOCALE]));

const LOADED: Record<string, string[]> = {
  shared: keysOf(shared),
  trainee: keysOf(shared, trainee),
  coach: keysOf(shared, coach, trainee),
  qa: keysOf(shared, qa, trainee),
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `t('a.b')` gives the key; `` t(`a.${x}`) `` the part before the value, which some key must start with. */
function usedKeys(text: string): Array<{ key: string; prefix: boolean }> {
  return [...text.matchAll(/\bt\(\s*(['`])([\w.]+)(\$\{)?/g)].map((m) => ({ key: m[2]!, prefix: m[3] !== undefined }));
}

describe("each area's words", () => {
  for (const area of Object.keys(LOADED)) {
    it(`${area}/ uses only keys of the catalogues loaded with it`, () => {
      const loaded = LOADED[area]!;
      const files = sources(join(SRC, area));
      const missing = files.flatMap((file) =>
        usedKeys(readFileSync(file, 'utf8'))
          .filter(({ key, prefix }) => (prefix ? !loaded.some((k) => k.startsWith(key)) : !loaded.includes(key)))
          .map(({ key }) => `${relative(SRC, file)}: ${key}`),
      );
      expect(files.length).toBeGreaterThan(3);
      expect(missing).toEqual([]);
    });
  }
});
