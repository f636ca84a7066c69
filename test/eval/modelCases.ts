// `npm run eval -- --llm`: the labelled cases measured with model-assisted detection
// (server/graders/modelSignals.ts) against whatever endpoint is configured. Each reply is
// scored by the rules, then the model proposes signals with quotes; the accepted ones are
// added as if the rubric counted them. Three views per set: the rules alone, the model's
// accepted findings alone, and both together; plus how many proposals the quote check
// dropped and how many replies the model could not read (scored by the rules alone).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { proposeSignals, type ModelSignalsOptions } from '../../server/graders/modelSignals.ts';
import type { ContractSignal } from './contractIds.ts';
import { compareSignals, replySignals, type CaseMeasurement, type LabelledCase, type Rubric } from './ownCases.ts';

export interface ModelCaseMeasurement {
  rules: CaseMeasurement;
  model: CaseMeasurement;
  combined: CaseMeasurement;
  /** Proposals dropped because the quote was not in the reply (or the signal not offered). */
  discarded: number;
  /** Replies the model could not read (timeout, bad answer, endpoint error). */
  failed: number;
  failures: string[];
}

type Prediction = { rules: Set<string>; model: Set<string> };

/** How many replies are sent to the endpoint at once. */
const CONCURRENCY = 4;

export async function measureCasesWithModel(
  rubric: Rubric,
  cases: readonly LabelledCase[],
  measured: readonly ContractSignal[],
  model: BaseChatModel,
  options: ModelSignalsOptions,
): Promise<ModelCaseMeasurement> {
  const predictions: Prediction[] = new Array(cases.length);
  let discarded = 0;
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i]!;
      const rules = replySignals(rubric, c.locale, c.customer, c.reply, c.scenario, c.product);
      const result = await proposeSignals(model, rubric, { reply: c.reply, locale: c.locale, customer: c.customer }, options);
      if (!result.ok) {
        failures.push(`${c.id}: ${result.error.code}: ${result.error.message}`);
        predictions[i] = { rules, model: new Set() };
        continue;
      }
      discarded += result.discarded.length;
      predictions[i] = { rules, model: new Set(result.findings.map((f) => f.signal)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cases.length) }, worker));
  const view = (pick: (p: Prediction) => Set<string>): CaseMeasurement => compareSignals(cases, predictions.map(pick), measured);
  return {
    rules: view((p) => p.rules),
    model: view((p) => p.model),
    combined: view((p) => new Set([...p.rules, ...p.model])),
    discarded,
    failed: failures.length,
    failures,
  };
}

