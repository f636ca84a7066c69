/**
 * Whether what trainees see of a persona (publicText.ts: the name, the summary, the briefing)
 * gives a hidden fact away. A fact the customer keeps until the right question, printed in
 * the list of customers, makes the question pointless.
 *
 * "Gives away" is read with the pieces the LLM leak guard also reads (factPieces.ts), in the text's
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
import { contentPieces, factText, hiddenFacts, numberPieces, saidAnyway, type Piece } from './factPieces.ts';

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

/** More than this are not looked for: past a few, a person rewrites the text anyway, and a hostile file costs no more. */
export const MAX_SHOWN = 20;

export function hiddenFactsShown(persona: PersonaFile, max: number = MAX_SHOWN): HiddenFactShown[] {
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

  // Which facts each figure ("f:"), name ("n:") and phrase ("p:") belongs to: one look-up per
  // piece of a public text, however many facts and texts a file has.
  const owners = new Map<string, Set<string>>();
  const own = (key: string, fact: string): void => void (owners.get(key) ?? owners.set(key, new Set()).get(key)!).add(fact);
  for (const fact of hidden) {
    const text = factText(persona, fact);
    const norm = normalize(text).norm;
    for (const p of numberPieces(norm)) if (!knownFigures.has(p.key)) own(`f:${p.key}`, fact);
    if (lang === 'en') for (const n of names(text)) if (!knownWords.has(n)) own(`n:${n}`, fact);
    for (const p of phrases(norm, lang)) if (distinctive(p)) own(`p:${p.key}`, fact);
  }

  const shown: HiddenFactShown[] = [];
  for (const { path, text } of publicTexts(persona)) {
    const normal = normalize(text);
    const pieces = [
      ...numberPieces(normal.norm).map((p) => ({ ...p, key: `f:${p.key}` })),
      ...[...normal.norm.matchAll(/[a-z]+/g)].map((m) => ({ key: `n:${m[0]}`, start: m.index, end: m.index + m[0].length })),
      ...phrases(normal.norm, lang).map((p) => ({ ...p, key: `p:${p.key}` })),
    ];
    const found = new Map<string, Piece[]>();
    for (const piece of pieces) {
      for (const fact of owners.get(piece.key) ?? []) (found.get(fact) ?? found.set(fact, []).get(fact)!).push(piece);
    }
    for (const fact of hidden) {
      const spans = found.get(fact);
      if (!spans) continue;
      const evidence = merged(spans).map(([start, end]) => wholeWords(text, ...toOriginalSpan(normal, start, end)));
      shown.push({ path, fact, evidence: [...new Set(evidence)] });
      if (shown.length >= max) return shown;
    }
  }
  return shown;
}

/** The stretch widened to whole Latin words: a stem ("gamma" of "gamma0", "balanc") shows as the word written. */
function wholeWords(text: string, start: number, end: number): string {
  const inWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9'’]/.test(ch);
  while (start > 0 && inWord(text[start - 1]) && inWord(text[start])) start--;
  while (end < text.length && inWord(text[end]) && inWord(text[end - 1])) end++;
  return text.slice(start, end).trim();
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
