/**
 * Whether an LLM customer's reply tells a hidden fact before the shared step reveals it
 * (server/personas/customerStep.ts decides when: `situation.reveal`). Pure: the persona, the
 * customer's state, the situation of this turn and the trainee's words in, a verdict out.
 *
 * A hidden fact is recognised by material the customer has no other reason to say: its
 * numbers (amounts, clock times) and its content words (English) or character bigrams
 * (Chinese), minus everything the trainee may already know: the briefing, the summary, the
 * opening lines, the facts that were never hidden, the facts already told (or told now) and
 * the trainee's own words. A reply leaks a fact when it says one of that fact's numbers, or
 * enough of its words. The LLM voice (llmVoice.ts) scans the text as it grows
 * and holds back everything from the first suspicious piece, so a leak is stopped before
 * any of it reaches the client.
 */
import { langOf, type Lang } from '../../scoring/types.ts';
import { normalize, toOriginalSpan, type NormalText } from '../../text/normalize.ts';
import type { CustomerState } from '../../domain/customerState.ts';
import type { Situation } from '../customerStep.ts';
import type { PersonaFile } from '../schema.ts';
import { publicTexts } from '../publicText.ts';
import { contentPieces, factText, hiddenFacts, numberPieces, saidAnyway, type Piece } from '../factPieces.ts';

/**
 * How many distinct words (English) or bigrams (Chinese) of one hidden fact make a leak.
 * Chosen on the starter personas (test/personas/voice/factLeak.test.ts): no scripted line
 * said without a reveal reaches these, while every reveal line and a plain paraphrase does.
 * One shared word is chance ("week", "电话"); a story needs several.
 */
export const LEAK_THRESHOLD: Record<Lang, number> = { en: 2, zh: 5 };

export interface FactLeak {
  fact: string;
  /** What gave it away: the figures and words of the fact found in the reply. */
  evidence: string[];
}

export interface LeakScan {
  leak: FactLeak | null;
  /**
   * Where the first piece of any hidden fact's material starts in the text (or a number
   * still being written), null when there is none: text from here on is not safe to send yet.
   */
  suspectAt: number | null;
}

export interface LeakGuard {
  /**
   * Scans a reply. While it is still streaming (`final` false), a number or word that
   * touches the end may not be finished: it is suspect, not yet counted ("$9" of "$950").
   */
  scan(text: string, final: boolean): LeakScan;
}

interface Material {
  fact: string;
  numbers: Set<string>;
  units: Set<string>;
}

function keys(pieces: readonly Piece[]): Set<string> {
  return new Set(pieces.map((p) => p.key));
}

/** Facts that are hidden now: never revealed, and not being revealed by this turn. */
export function stillHidden(persona: PersonaFile, state: CustomerState, situation: Situation): string[] {
  return hiddenFacts(persona).filter((f) => !state.revealed.includes(f) && situation.reveal?.fact !== f);
}

/** Everything the trainee may know by now: what they were shown, what the customer says anyway, their own words. */
function knownText(persona: PersonaFile, hidden: readonly string[], traineeWords: readonly string[]): string {
  return [...publicTexts(persona).map((t) => t.text), saidAnyway(persona, hidden), ...traineeWords].join('\n');
}

function originalStart(text: NormalText, start: number): number {
  return toOriginalSpan(text, start, start + 1)[0];
}

/**
 * A guard for one reply: the distinctive material of every still-hidden fact, computed
 * once, then `scan` on the reply as it grows. `traineeWords` is everything the trainee has
 * said in the call so far, this turn included.
 */
export function factLeakGuard(persona: PersonaFile, state: CustomerState, situation: Situation, traineeWords: readonly string[]): LeakGuard {
  const hidden = stillHidden(persona, state, situation);
  return leakGuardFor(persona, hidden, knownText(persona, hidden, traineeWords));
}

/**
 * A guard for the facts `hidden`, whose material is what of each fact's words `knownText`
 * does not already have. The persona check (server/personas/publicText.ts) uses it on what
 * trainees see, against `saidAnyway` alone.
 */
export function leakGuardFor(persona: PersonaFile, hidden: readonly string[], knownText: string): LeakGuard {
  const lang = langOf(persona.locale);
  const known = normalize(knownText).norm;
  const knownNumbers = keys(numberPieces(known));
  const knownUnits = keys(contentPieces(known, lang));
  const materials: Material[] = hidden.map((fact) => {
    const norm = normalize(factText(persona, fact)).norm;
    return {
      fact,
      numbers: new Set([...keys(numberPieces(norm))].filter((k) => !knownNumbers.has(k))),
      units: new Set([...keys(contentPieces(norm, lang))].filter((k) => !knownUnits.has(k))),
    };
  });

  return {
    scan(text, final) {
      if (materials.length === 0) return { leak: null, suspectAt: null };
      const normal = normalize(text);
      const { norm } = normal;
      // A piece that touches the end may still be growing: "$9" of "$950", "stat" of "statements".
      const done = (p: Piece): boolean => final || p.end < norm.length;
      const numbers = numberPieces(norm);
      const units = contentPieces(norm, lang);
      let suspect: number | null = null;
      const mark = (start: number): void => void (suspect = suspect === null ? start : Math.min(suspect, start));
      // A figure still being written is held back whatever it turns out to be.
      const trailing = /[\d零〇一二两三四五六七八九十百千万亿点.,:：$£¥€]+$/.exec(norm);
      if (!final && trailing) mark(trailing.index);

      let leak: FactLeak | null = null;
      for (const m of materials) {
        const figures = numbers.filter((p) => m.numbers.has(p.key));
        const words = units.filter((p) => m.units.has(p.key));
        for (const p of [...figures, ...words]) mark(p.start);
        const saidFigures = figures.filter(done);
        const saidWords = new Set(words.filter(done).map((p) => p.key));
        if (!leak && (saidFigures.length > 0 || saidWords.size >= LEAK_THRESHOLD[lang])) {
          leak = { fact: m.fact, evidence: [...new Set(saidFigures.map((p) => norm.slice(p.start, p.end).trim()))].concat([...saidWords]) };
        }
      }
      return { leak, suspectAt: suspect === null ? null : originalStart(normal, suspect) };
    },
  };
}

/** The hidden fact a whole reply tells before its time, or null. */
export function tellsHiddenFact(persona: PersonaFile, state: CustomerState, situation: Situation, traineeWords: readonly string[], reply: string): FactLeak | null {
  return factLeakGuard(persona, state, situation, traineeWords).scan(reply, true).leak;
}
