/**
 * The customer's answer to the trainee's last stored turn: the customer's step (the one
 * traineeSay took, or, for a reply filled in after a crash, the same step retaken from the
 * stored state before the turn and the score stored with it: nothing is scored again), put
 * into words by the session's voice (scripted, or the LLM streaming `customer:delta` events
 * with the scripted line as the fallback), stored with the customer's new state, then
 * emitted as `customer:say`; and when the persona ended the conversation, the report is
 * summarised from the stored turn scores and stored, and `session:ended` emitted.
 */
import { replyTranscript, traineeTurn } from '../personas/conversation.ts';
import type { Step } from '../personas/customerStep.ts';
import type { CustomerVoice } from '../personas/voice/customerVoice.ts';
import { llmVoice } from '../personas/voice/llmVoice.ts';
import { plainCause } from '../llm/llmError.ts';
import { scriptedVoice } from '../personas/voice/scriptedVoice.ts';
import { secondsSince } from '../observability/metrics.ts';
import { readTurn } from '../scoring/turnReading.ts';
import type { ServerContext } from '../serverContext.ts';
import type { StoredTurn } from '../domain/records.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';
import { STORE_UNAVAILABLE_MESSAGE } from './ackErrors.ts';
import { finishSession } from './finishSession.ts';
import { llmEngineFor } from './llmEngine.ts';
import { conversationBefore, type LoadedSession } from './loadSession.ts';
import type { OwnerRoom } from './step.ts';

/** The step of a stored trainee turn, retaken from the state before it and its stored score. */
function retakeStep(ctx: ServerContext, loaded: LoadedSession, trainee: StoredTurn): Step {
  const { persona, turns } = loaded;
  const before = conversationBefore(turns, trainee.index);
  // traineeSay stores every trainee turn with its score; only a record without one is scored here.
  const scored = trainee.score
    ? { score: trainee.score, reading: readTurn(ctx.rubric, trainee.score, persona.scenario) }
    : ctx.scorer.scoreTurn(replyTranscript(persona, before, trainee.text));
  return traineeTurn(persona, before, trainee.text, scored);
}

function sessionVoice(ctx: ServerContext, loaded: LoadedSession): CustomerVoice {
  const engine = loaded.session.mode === 'llm' ? llmEngineFor(ctx.config.llm) : null;
  return engine ? llmVoice(engine) : scriptedVoice;
}

/**
 * `loaded.turns` ends with the trainee's turn that has no answer yet; `step` is the step
 * taken when that turn was scored, when this process has it.
 */
export async function customerReply(ctx: ServerContext, room: OwnerRoom, loaded: LoadedSession, step?: Step): Promise<void> {
  const { session, turns, persona } = loaded;
  const trainee = turns[turns.length - 1];
  if (!trainee || trainee.role !== 'trainee') return;
  const sessionId = session.id;
  const index = trainee.index + 1;
  room.emit('customer:typing', { sessionId, index });

  const taken = step ?? retakeStep(ctx, loaded, trainee);
  const asked = performance.now();
  const words = await sessionVoice(ctx, loaded).answer({
    persona,
    step: taken,
    onDelta: (text) => room.emit('customer:delta', { sessionId, index, text }),
    onFirstToken: () => ctx.metrics.llmFirstToken.observe(secondsSince(asked)),
  });
  const { state } = taken;
  let llmError: { code: string; message: string } | null = null;
  if (words.fallback) {
    ctx.metrics.llmFallbacks.inc({ reason: words.error.code });
    ctx.log(`session ${sessionId}: LLM reply failed (${words.error.code}: ${words.error.message}); said the scripted line`);
    // The log has the endpoint's words; the trainee a plain notice.
    llmError = { code: `llm_${words.error.code}`, message: `The customer ${plainCause(words.error.code)}, so a prepared reply stands in.` };
    room.emit('customer:error', { sessionId, index, error: llmError, fallback: true });
  }

  const turn: StoredTurn = { index, role: 'customer', text: words.reply, at: new Date().toISOString(), mood: state.mood, state };
  if (llmError) turn.fallback = true;
  try {
    const stored = await ctx.store.appendTurn(sessionId, turn);
    // Another process or tab answered this turn first: it has emitted its own customer:say.
    if (!stored.ok) return ctx.log(`session ${sessionId}: customer turn ${index} not stored (${stored.code})`);
  } catch (err) {
    if (!(err instanceof StoreUnavailable)) throw err;
    ctx.log(`session ${sessionId}: customer turn ${index} not stored: ${err.message}`);
    room.emit('customer:error', { sessionId, index, error: { code: 'unavailable', message: STORE_UNAVAILABLE_MESSAGE }, fallback: false });
    return;
  }

  const outcome = state.outcome;
  room.emit('customer:say', {
    sessionId,
    index,
    text: words.reply,
    mood: state.mood,
    ended: outcome !== null,
    ...(outcome ? { outcome } : {}),
    ...(llmError ? { fallback: true as const } : {}),
  });
  if (!outcome) return;
  const finished = await finishSession(ctx, { ...loaded, turns: [...turns, turn] }, outcome);
  room.emit('session:ended', { sessionId, ...finished });
}
