/**
 * A whole call's score report with the model's findings added: each trainee reply is
 * sent to the model (modelSignals.ts) with the customer's turns before it, accepted
 * findings join that turn's evidence, and the session summary is recomputed from the
 * turns, so counted findings (when the rubric says so) reach the session's scores too.
 * A reply the model could not read keeps its rule score and gets a notice; the rules'
 * report given in is never changed.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { sessionReport } from '../scoring/summary.ts';
import type { ScoreReport, Transcript } from '../scoring/types.ts';
import { proposeSignals, withModelFindings, type DiscardedProposal, type ModelSignalsOptions } from './modelSignals.ts';

export interface ModelNotice {
  /** The trainee turn's index in the transcript. */
  turn: number;
  /** Why this turn is scored by the rules alone. */
  code: string;
  message: string;
}

export interface ModelAssistedReport {
  report: ScoreReport;
  /** Turns the model could not read: scored by the rules alone. */
  notices: ModelNotice[];
  /** Proposals dropped by the quote check, per turn (for QA and the evaluation). */
  discarded: Array<DiscardedProposal & { turn: number }>;
}

export async function withModelSignals(
  model: BaseChatModel,
  rubric: CompiledRubric,
  transcript: Transcript,
  rules: ScoreReport,
  options: ModelSignalsOptions,
): Promise<ModelAssistedReport> {
  const notices: ModelNotice[] = [];
  const discarded: ModelAssistedReport['discarded'] = [];
  const turns = [];
  for (const turn of rules.turns) {
    const before = transcript.turns.slice(0, turn.index);
    const reply = transcript.turns[turn.index]?.text ?? '';
    const customer = before.filter((t) => t.role === 'customer').map((t) => t.text);
    const result = await proposeSignals(model, rubric, { reply, locale: rules.locale, customer }, options);
    if (!result.ok) {
      notices.push({ turn: turn.index, code: result.error.code, message: result.error.message });
      turns.push(turn);
      continue;
    }
    discarded.push(...result.discarded.map((d) => ({ ...d, turn: turn.index })));
    turns.push(withModelFindings(rubric, turn, result.findings));
  }
  return { report: sessionReport(rubric, rules.locale, turns, transcript.scenario), notices, discarded };
}
