/**
 * The rubric's view of a scored turn, for the simulated customer: whether it was misconduct
 * or dismissive, and the jargon term to ask about. Pure: a turn score and the compiled rubric
 * in, a TurnReading out. The persona runtime takes this reading with the score and never
 * needs the rubric itself.
 */
import type { CompiledRubric } from './rubric/compile.ts';
import type { TurnReading, TurnScore } from './types.ts';

const MISCONDUCT = ['conduct.threat', 'conduct.abusive', 'conduct.third_party_disclosure', 'conduct.false_promise'];

export function readTurn(rubric: CompiledRubric, score: TurnScore): TurnReading {
  const misconduct = rubric.signals.filter((s) => MISCONDUCT.includes(s.id) && score.signals.includes(s.id)).map((s) => s.id);
  const jargon = score.criteria.plain_language.evidence.find((e) => e.signal === 'plain.jargon');
  return {
    misconduct,
    dismissive: score.signals.includes('empathy.dismissive'),
    jargonTerm: jargon?.text ?? null,
  };
}
