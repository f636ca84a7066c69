/**
 * A reply with its evidence highlighted. The text is cut into pieces at the evidence
 * offsets (UTF-16 indices, as the scoring contract gives them) and each piece is a React
 * text node, inside a <mark> where it is evidence: whatever the text holds (a tag, a
 * script) shows as the characters typed, never as HTML. A highlight's colour is its signals'
 * tone and its title their labels, as the rubric gives them (useSignals.ts).
 */
import { Fragment } from 'react';
import type { Evidence } from '../contract.ts';
import type { SignalNames, Tone } from '../signals.ts';
import { useSignals } from '../useSignals.ts';

interface Piece {
  text: string;
  /** The signals whose evidence covers this piece; none for plain text. */
  signals: string[];
}

/** Splits `text` at every evidence boundary; overlapping evidence gives pieces with several signals. */
export function evidencePieces(text: string, evidence: readonly Evidence[]): Piece[] {
  const spans = evidence
    .map((e) => ({ start: Math.max(0, Math.min(e.start, text.length)), end: Math.max(0, Math.min(e.end, text.length)), signal: e.signal }))
    .filter((e) => e.end > e.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const signals = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.signal))];
    const last = pieces.at(-1);
    // Neighbours with the same signals read as one highlight.
    if (last && last.signals.join() === signals.join()) last.text += text.slice(start, end);
    else pieces.push({ text: text.slice(start, end), signals });
  }
  return pieces;
}

/** A piece that cost points shows as such even when it also earned some. */
function toneOfAll(signals: readonly string[], names: SignalNames): Tone {
  const tones = signals.map(names.tone);
  return tones.includes('bad') ? 'bad' : tones.includes('good') ? 'good' : 'neutral';
}

export function EvidenceText({ text, evidence }: { text: string; evidence: readonly Evidence[] }) {
  const names = useSignals();
  return (
    <>
      {evidencePieces(text, evidence).map((piece, i) =>
        piece.signals.length === 0 ? (
          <Fragment key={i}>{piece.text}</Fragment>
        ) : (
          <mark key={i} className={`evidence evidence--${toneOfAll(piece.signals, names)}`} title={piece.signals.map(names.label).join(' · ')}>
            {piece.text}
          </mark>
        ),
      )}
    </>
  );
}
