/**
 * Whether what trainees see of a persona (publicText.ts: the name, the summary, the briefing)
 * gives a hidden fact away. A fact the customer keeps until the right question, printed in
 * the list of customers, makes the question pointless.
 *
 * "Gives away" is read with the LLM leak guard's pieces (voice/factLeak.ts), in the text's
 * matching form (server/text/normalize.ts: either Chinese script reads as Simplified, case
 * and full-width folded), but stricter than the guard, since a refusal here stops a save:
 * a public text shows a fact when it has
 *   - one of the fact's figures (an amount, a count of ten or more, a clock time), or
 *   - one of its names (English: a capitalised word inside a sentence), or
 *   - one of its key phrases: two content words in a row (English), four characters in a
 *     row (Chinese) with at least two character pairs beyond the commonest,
 * that the customer does not say anyway: in the opening or everyday lines, or in the facts
 * that are not hidden. One shared word is chance ("find", "code"); a phrase is the story.
 */
import { langOf, type Lang } from '../scoring/types.ts';
import { normalize, toOriginalSpan } from '../text/normalize.ts';
import type { PersonaFile } from './schema.ts';
import { publicTexts } from './publicText.ts';
import { contentPieces, factText, hiddenFacts, numberPieces, saidAnyway, type Piece } from './voice/factLeak.ts';

export interface HiddenFactShown {
  /** The public field, as a path in the file. */
  path: (string | number)[];
  fact: string;
  /** The fact's figures, names and phrases found in it, as the field writes them. */
  evidence: string[];
}

const ZH_PHRASE = 4;
const ZH_DISTINCT_PAIRS = 2;

interface Phrase {
  key: string;
  start: number;
  end: number;
  /** The content units (stems, character pairs) it is made of. */
  units: string[];
}

function phrases(norm: string, lang: Lang): Phrase[] {
  const out: Phrase[] = [];
  if (lang === 'en') {
    const words = contentPieces(norm, 'en');
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i]!, words[i + 1]!];
      out.push({ key: `${a.key} ${b.key}`, start: a.start, end: b.end, units: [a.key, b.key] });
    }
    return out;
  }
  for (const m of norm.matchAll(/[\u3400-\u9fff]+/g)) {
    for (let i = 0; i + ZH_PHRASE <= m[0].length; i++) {
      const key = m[0].slice(i, i + ZH_PHRASE);
      out.push({ key, start: m.index + i, end: m.index + i + ZH_PHRASE, units: contentPieces(key, 'zh').map((p) => p.key) });
    }
  }
  return out;
}

/** Capitalised words inside a sentence: "Dennis", "Canada". The lower-cased form is the key. */
function names(original: string): Set<string> {
  const out = new Set<string>();
  for (const m of original.matchAll(/(?<![.!?]\s*|^\s*|["“‘(]\s*)\b[A-Z][a-z]{2,}\b/g)) out.add(m[0].toLowerCase());
  return out;
}

interface FactMaterial {
  fact: string;
  figures: Set<string>;
  names: Set<string>;
  phrases: Set<string>;
}

export function hiddenFactsShown(persona: PersonaFile): HiddenFactShown[] {
  const hidden = hiddenFacts(persona);
  if (hidden.length === 0) return [];
  const lang = langOf(persona.locale);
  const known = normalize(saidAnyway(persona, hidden)).norm;
  const knownFigures = new Set(numberPieces(known).map((p) => p.key));
  const knownUnits = new Set(contentPieces(known, lang).map((p) => p.key));
  const knownPhrases = new Set(phrases(known, lang).map((p) => p.key));
  const knownWords = new Set(known.match(/[a-z]+/g) ?? []);
  const distinctive = (p: Phrase): boolean =>
    !knownPhrases.has(p.key) && p.units.filter((u) => !knownUnits.has(u)).length >= (lang === 'en' ? 1 : ZH_DISTINCT_PAIRS);

  const materials: FactMaterial[] = hidden.map((fact) => {
    const text = factText(persona, fact);
    const norm = normalize(text).norm;
    return {
      fact,
      figures: new Set(numberPieces(norm).map((p) => p.key).filter((k) => !knownFigures.has(k))),
      names: new Set(lang === 'en' ? [...names(text)].filter((n) => !knownWords.has(n)) : []),
      phrases: new Set(phrases(norm, lang).filter(distinctive).map((p) => p.key)),
    };
  });

  const shown: HiddenFactShown[] = [];
  for (const { path, text } of publicTexts(persona)) {
    const normal = normalize(text);
    const figures = numberPieces(normal.norm);
    const words: Piece[] = [...normal.norm.matchAll(/[a-z]+/g)].map((m) => ({ key: m[0], start: m.index, end: m.index + m[0].length }));
    const runs = phrases(normal.norm, lang);
    for (const m of materials) {
      const found = [
        ...figures.filter((p) => m.figures.has(p.key)),
        ...words.filter((p) => m.names.has(p.key)),
        ...runs.filter((p) => m.phrases.has(p.key)),
      ];
      if (found.length === 0) continue;
      const evidence = merged(found).map(([start, end]) => text.slice(...toOriginalSpan(normal, start, end)).trim());
      shown.push({ path, fact: m.fact, evidence: [...new Set(evidence)] });
    }
  }
  return shown;
}

/** Overlapping finds as one stretch each: "balance on a new grill", not three phrases of it. */
function merged(spans: ReadonlyArray<{ start: number; end: number }>): [number, number][] {
  const out: [number, number][] = [];
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
