/**
 * What the model read in one of the trainee's replies (`turn:model_signals`, LLM mode with
 * model signals on), as the chat shows it: each accepted finding with its quote and whether
 * the rubric let it count, or that the model could not read the reply. The server sends only
 * accepted findings (a quote not in the reply never reaches the page); whether each one
 * counted is on its copy in the event's `score` (evidence marked `source: "model"`, with
 * `counted`), so it is read from there rather than assumed.
 */
import type { Evidence, TurnModelSignals } from '../shared/contract.ts';

export type ModelFinding = Evidence & { counted: boolean };

export interface ModelReading {
  findings: ModelFinding[];
  /** The model timed out, failed or answered nonsense: the rules' findings stand alone. */
  failed: boolean;
}

const sameSpan = (a: Evidence, b: Evidence) => a.signal === b.signal && a.start === b.start && a.end === b.end;

export function modelReadingOf(event: TurnModelSignals): ModelReading {
  const scored = Object.values(event.score.criteria).flatMap((c) => (c?.evidence ?? []).filter((e) => e.source === 'model'));
  const findings = event.findings.map((f): ModelFinding => ({ ...f, counted: scored.some((e) => sameSpan(e, f) && e.counted === true) }));
  return { findings, failed: event.error !== undefined };
}
