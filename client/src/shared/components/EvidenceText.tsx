/**
 * A reply with its evidence highlighted. The text is cut into pieces at the evidence
 * offsets (UTF-16 indices, as the scoring contract gives them) and each piece is a React
 * text node, inside a <mark> where it is evidence: whatever the text holds (a tag, a
 * script) shows as the characters typed, never as HTML. A highlight's colour is its signals'
 * tone and its title their labels, as the rubric gives them (useSignals.ts). Words only a
 * model found (evidence marked `source: "model"`) are marked as such (`data-source="model"`),
 * so they never pass for the rules' own.
 */
import { Fragment } from 'react';
import type { Evidence } from '../contract.ts';
import { evidencePieces } from '../evidencePieces.ts';
import type { SignalNames, Tone } from '../signals.ts';
import { useSignals } from '../useSignals.ts';

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
          <mark
            key={i}
            className={`evidence evidence--${toneOfAll(piece.signals, names)}${piece.byModel ? ' evidence--model' : ''}`}
            title={piece.signals.map(names.label).join(' · ')}
            {...(piece.byModel ? { 'data-source': 'model' } : {})}
          >
            {piece.text}
          </mark>
        ),
      )}
    </>
  );
}
