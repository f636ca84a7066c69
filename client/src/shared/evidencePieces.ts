/**
 * A reply cut into pieces at its evidence offsets (UTF-16 indices, as the scoring contract
 * gives them), each piece with the signals covering it: what EvidenceText.tsx highlights.
 * Pure, so the cutting is tested without a browser.
 */
import type { Evidence } from './contract.ts';

export interface Piece {
  text: string;
  /** The signals whose evidence covers this piece; none for plain text. */
  signals: string[];
  /** Every evidence covering this piece was found by the model, none by the rules. */
  byModel: boolean;
}

/** Splits `text` at every evidence boundary; overlapping evidence gives pieces with several signals. */
export function evidencePieces(text: string, evidence: readonly Evidence[]): Piece[] {
  const spans = evidence
    .map((e) => ({ start: Math.max(0, Math.min(e.start, text.length)), end: Math.max(0, Math.min(e.end, text.length)), signal: e.signal, byModel: e.source === 'model' }))
    .filter((e) => e.end > e.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    const signals = [...new Set(covering.map((s) => s.signal))];
    const byModel = covering.length > 0 && covering.every((s) => s.byModel);
    const last = pieces.at(-1);
    // Neighbours with the same signals, found the same way, read as one highlight.
    if (last && last.signals.join() === signals.join() && last.byModel === byModel) last.text += text.slice(start, end);
    else pieces.push({ text: text.slice(start, end), signals, byModel });
  }
  return pieces;
}
