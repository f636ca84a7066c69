/**
 * Whether an LLM customer's reply echoes its instructions: a long run of words shared with
 * the system prompt (customerPrompt.ts) outside the persona's own material. The prompt also
 * carries the persona's summary, facts and example lines, which the customer may well
 * repeat; those stretches are cut out first, so what is matched is the prompt's own words
 * ("Rules that always hold", "HIDDEN facts: the employee does not know these…").
 *
 * Both sides are read the same way (server/text/lookalikes.ts, lower case): a word is a run
 * of Latin letters, digits and apostrophes, a Chinese character is a word of its own. A run
 * of ECHO_RUN words is an echo. While the reply streams, a tail that is already a run of
 * HOLD_RUN words of the instructions is held back, so an echo is stopped before most of it
 * leaves.
 */
import { foldLookalikes } from '../../text/lookalikes.ts';

/** Eight words in a row of the instructions is no customer's chance phrasing. */
export const ECHO_RUN = 8;
const HOLD_RUN = 4;

export interface EchoScan {
  /** The run of the instructions found, as the reply wrote it, or null. */
  echo: string | null;
  /** Where a tail that may grow into an echo starts in the text, or null. */
  suspectAt: number | null;
}

export interface EchoGuard {
  scan(text: string, final: boolean): EchoScan;
}

interface Word {
  key: string;
  start: number;
  end: number;
}

const WORD = /[a-z0-9]+(?:'[a-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]/g;

/** The text folded code point by code point, with where each folded unit came from. */
function folded(text: string): { read: string; from: number[] } {
  let read = '';
  const from: number[] = [];
  for (let at = 0; at < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    const piece = foldLookalikes(ch).toLowerCase().replace(/[\u2018\u2019]/g, "'");
    for (let k = 0; k < piece.length; k++) from.push(at);
    read += piece;
    at += ch.length;
  }
  from.push(text.length);
  return { read, from };
}

function words(text: string): Word[] {
  const { read, from } = folded(text);
  return [...read.matchAll(WORD)].map((m) => ({ key: m[0], start: from[m.index]!, end: from[m.index + m[0].length]! }));
}

const runKey = (ws: readonly Word[], i: number, n: number): string => ws.slice(i, i + n).map((w) => w.key).join(' ');

/** Every string in a value (a persona file): what the customer may say of themselves. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * A guard for replies to one prompt. `ownWords` are the persona's texts as the prompt may
 * carry them (filled lines, facts, the summary…), cut out of the instructions before matching.
 */
export function instructionEcho(instructions: string, ownWords: readonly string[]): EchoGuard {
  const CUT = '\u0000';
  let rest = folded(instructions).read;
  // Longest first, so a line is cut whole before a fact inside it.
  for (const own of [...new Set(ownWords.map((w) => folded(w).read.trim()))].filter((w) => w.length > 0).sort((a, b) => b.length - a.length)) {
    rest = rest.split(own).join(CUT);
  }
  const runs = new Set<string>();
  for (const segment of rest.split(CUT)) {
    const ws = [...segment.matchAll(WORD)].map((m) => ({ key: m[0], start: 0, end: 0 }));
    for (let n = HOLD_RUN; n <= ECHO_RUN; n++) for (let i = 0; i + n <= ws.length; i++) runs.add(runKey(ws, i, n));
  }

  return {
    scan(text, final) {
      const ws = words(text);
      for (let i = 0; i + ECHO_RUN <= ws.length; i++) {
        // A last word still being written may not be the word it becomes.
        if (!final && i + ECHO_RUN === ws.length && ws[ws.length - 1]!.end === text.length) break;
        if (runs.has(runKey(ws, i, ECHO_RUN))) return { echo: text.slice(ws[i]!.start, ws[i + ECHO_RUN - 1]!.end), suspectAt: ws[i]!.start };
      }
      if (final) return { echo: null, suspectAt: null };
      // The tail of whole words that is already a run of the instructions is held back.
      const whole = ws.length > 0 && ws[ws.length - 1]!.end === text.length ? ws.slice(0, -1) : ws;
      for (let n = Math.min(ECHO_RUN - 1, whole.length); n >= HOLD_RUN; n--) {
        const i = whole.length - n;
        if (runs.has(runKey(whole, i, n))) return { echo: null, suspectAt: whole[i]!.start };
      }
      return { echo: null, suspectAt: null };
    },
  };
}
