/**
 * The rubric's view of a scored turn, for the simulated customer: what it reacts to (the
 * signals the rubric tags misconduct or dismissive), the jargon term to ask about, the
 * steps of the call's own process the turn took (and the whole-call steps it kept or broke)
 * and whether an open question was asked. Pure: a turn score, the compiled rubric and the
 * call's scenario in, a TurnReading out. The persona runtime takes this reading with the
 * score and never needs the rubric itself.
 */
import { scoredProcess } from './process.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import type { Scenario, TurnReading, TurnScore } from './types.ts';

export function readTurn(rubric: CompiledRubric, score: TurnScore, scenario: Scenario | undefined): TurnReading {
  const fired = rubric.signals.filter((s) => score.signals.includes(s.id));
  const misconduct = fired.filter((s) => rubric.tagged.misconduct.has(s.id));
  const dismissive = fired.filter((s) => rubric.tagged.dismissive.has(s.id));
  const jargon = Object.values(score.criteria)
    .flatMap((c) => c.evidence)
    .find((e) => rubric.tagged.jargon.has(e.signal));
  // The call's own process, as the scorer judges it (the complaint steps for a call without a scenario).
  const steps = scoredProcess(rubric, scenario)?.steps ?? [];
  // A whole-call step holds while nothing the rubric tags disclosure is said (third_party's no_disclosure).
  const disclosed = fired.some((s) => rubric.tagged.disclosure.has(s.id));
  const wholeCall = steps.filter((s) => s.wholeCall).map((s) => s.step);
  return {
    misconduct: misconduct.map((s) => s.id),
    dismissive: dismissive.map((s) => s.id),
    labels: Object.fromEntries([...misconduct, ...dismissive].map((s) => [s.id, s.label.en])),
    jargonTerm: jargon?.text ?? null,
    steps: steps.filter((s) => !s.wholeCall && s.signal !== undefined && score.signals.includes(s.signal)).map((s) => s.step),
    kept: disclosed ? [] : wholeCall,
    broken: disclosed ? wholeCall : [],
    openQuestion: fired.some((s) => rubric.tagged.open_question.has(s.id)),
  };
}
