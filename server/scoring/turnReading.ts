/**
 * The rubric's view of a scored turn, for the simulated customer: what it reacts to (the
 * signals the rubric tags misconduct or dismissive), the jargon term to ask about, the
 * complaint steps taken and whether an open question was asked. Pure: a turn score and the
 * compiled rubric in, a TurnReading out. The persona runtime takes this reading with the
 * score and never needs the rubric itself.
 */
import type { CompiledRubric } from './rubric/compile.ts';
import { COMPLAINT_STEPS, type TurnReading, type TurnScore } from './types.ts';

/** `stages` is the turn the complaint steps are read from: the score itself unless the scorer gives another. */
export function readTurn(rubric: CompiledRubric, score: TurnScore, stages: TurnScore = score): TurnReading {
  const fired = rubric.signals.filter((s) => score.signals.includes(s.id));
  const staged = rubric.signals.filter((s) => stages.signals.includes(s.id));
  const misconduct = fired.filter((s) => rubric.tagged.misconduct.has(s.id));
  const dismissive = fired.filter((s) => rubric.tagged.dismissive.has(s.id));
  const jargon = Object.values(score.criteria)
    .flatMap((c) => c.evidence)
    .find((e) => rubric.tagged.jargon.has(e.signal));
  return {
    misconduct: misconduct.map((s) => s.id),
    dismissive: dismissive.map((s) => s.id),
    labels: Object.fromEntries([...misconduct, ...dismissive].map((s) => [s.id, s.label.en])),
    jargonTerm: jargon?.text ?? null,
    steps: COMPLAINT_STEPS.filter((step) => staged.some((s) => s.step === step && s.scenario === 'complaint')),
    reactsTo: [...new Set([...score.signals, ...staged.filter((s) => s.scenario === 'complaint').map((s) => s.id)])],
    openQuestion: fired.some((s) => rubric.tagged.open_question.has(s.id)),
  };
}
