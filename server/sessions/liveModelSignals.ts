/**
 * Model-assisted detection in a live session (LLM mode, with SPARRING_LLM_MODEL_SIGNALS=on):
 * after the ack and `trainee:said`, the model reads the trainee's turn beside the customer's
 * reply (never before it), and `turn:model_signals` brings its findings, each with its quote,
 * and the turn as it reads with them. Nothing is stored: the ack, the stored turn and the
 * report keep the rules' score, so a slow or failing model changes nothing but this event.
 */
import { createJudgeModel } from '../llm/chatModel.ts';
import type { LlmConfig } from '../llm/llmConfig.ts';
import { plainCause } from '../llm/llmError.ts';
import { proposeSignals, withModelFindings } from '../graders/modelSignals.ts';
import type { ServerContext } from '../serverContext.ts';
import type { ChatOpenAI } from '@langchain/openai';
import type { LoadedSession } from './loadSession.ts';
import type { TraineeSaid } from './serverEvents.ts';
import type { OwnerRoom } from './step.ts';

const models = new WeakMap<LlmConfig, ChatOpenAI>();

function modelFor(config: LlmConfig): ChatOpenAI {
  let model = models.get(config);
  if (!model) {
    // No retries: a retry doubles the wait for a result that is only shown.
    model = createJudgeModel(config, 0);
    models.set(config, model);
  }
  return model;
}

/** Whether this session's turns are read by the model too. */
export function asksModel(ctx: ServerContext, loaded: LoadedSession): boolean {
  return loaded.session.mode === 'llm' && ctx.config.llm?.modelSignals === true;
}

export async function liveModelSignals(ctx: ServerContext, room: OwnerRoom, loaded: LoadedSession, said: TraineeSaid): Promise<void> {
  const config = ctx.config.llm;
  if (!config) return;
  const customer = loaded.turns.filter((t) => t.index < said.index && t.role === 'customer').map((t) => t.text);
  const result = await proposeSignals(modelFor(config), ctx.rubric, { reply: said.text, locale: loaded.session.locale, customer }, { method: config.judgeMethod, timeoutMs: config.timeoutMs });
  const { sessionId, index } = said;
  if (!result.ok) {
    ctx.log(`session ${sessionId}: model signals for turn ${index} failed (${result.error.code}: ${result.error.message}); the rules' score stands`);
    // The log has the endpoint's words; the trainee a plain notice.
    const error = { code: result.error.code, message: `The language model ${plainCause(result.error.code)}; the rules' score stands.` };
    room.emit('turn:model_signals', { sessionId, index, findings: [], score: said.score, error });
    return;
  }
  room.emit('turn:model_signals', { sessionId, index, findings: result.findings, score: withModelFindings(ctx.rubric, said.score, result.findings) });
}
