/**
 * The customer's answer to the trainee's last stored turn: recompute the step from the
 * stored state before it (deterministic, so a reply filled in after a crash is the one the
 * original would have chosen), put it into words (scripted, or streamed from the LLM as
 * `customer:delta` events, with the scripted line as the fallback), store it with the
 * customer's new state, then emit `customer:say`; and when the persona ended the
 * conversation, store the whole report and emit `session:ended`.
 */
import { scriptedAnswer, scriptedExchange, type Conversation, type Step } from '../personas/conversation.ts';
import type { Situation } from '../personas/customerStep.ts';
import { llmExchange } from '../personas/voice/llmVoice.ts';
import type { ServerContext } from '../serverContext.ts';
import type { StoredTurn } from '../domain/records.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';
import { STORE_UNAVAILABLE_MESSAGE } from './ackErrors.ts';
import { finishSession } from './finishSession.ts';
import { llmEngineFor } from './llmEngine.ts';
import { conversationBefore, type LoadedSession } from './loadSession.ts';
import type { OwnerRoom } from './step.ts';

interface Words {
  conversation: Conversation;
  situation: Situation;
  reply: string;
  /** Set when the LLM failed and the scripted line was said instead. */
  llmError?: { code: string; message: string };
}

async function produceWords(ctx: ServerContext, room: OwnerRoom, loaded: LoadedSession, trainee: StoredTurn, step?: Step): Promise<Words> {
  const { session, persona, turns } = loaded;
  const before = conversationBefore(turns, trainee.index);
  const engine = session.mode === 'llm' ? llmEngineFor(ctx.config.llm) : null;
  // The step the trainee's turn was scored with is reused; only a reply filled in after a
  // crash recomputes it (the same, deterministically) from the stored state.
  if (!engine) return step ? scriptedAnswer(persona, before, step) : scriptedExchange(persona, ctx.rubric, before, trainee.text);
  const index = trainee.index + 1;
  const exchange = await llmExchange(persona, ctx.rubric, before, trainee.text, {
    ...engine,
    onDelta: (text) => room.emit('customer:delta', { sessionId: session.id, index, text }),
  });
  if (!exchange.fallback) return exchange;
  ctx.log(`session ${session.id}: LLM reply failed (${exchange.error.code}: ${exchange.error.message}); said the scripted line`);
  return { ...exchange, llmError: { code: `llm_${exchange.error.code}`, message: exchange.error.message } };
}

/**
 * `loaded.turns` ends with the trainee's turn that has no answer yet; `step` is the step
 * computed when that turn was scored, when this process has it.
 */
export async function customerReply(ctx: ServerContext, room: OwnerRoom, loaded: LoadedSession, step?: Step): Promise<void> {
  const { session, turns } = loaded;
  const trainee = turns[turns.length - 1];
  if (!trainee || trainee.role !== 'trainee') return;
  const sessionId = session.id;
  const index = trainee.index + 1;
  room.emit('customer:typing', { sessionId, index });

  const words = await produceWords(ctx, room, loaded, trainee, step);
  const { state } = words.conversation;
  if (words.llmError) room.emit('customer:error', { sessionId, index, error: words.llmError, fallback: true });

  const turn: StoredTurn = { index, role: 'customer', text: words.reply, at: new Date().toISOString(), mood: state.mood, state };
  if (words.llmError) turn.fallback = true;
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
    ...(words.llmError ? { fallback: true as const } : {}),
  });
  if (!outcome) return;
  const finished = await finishSession(ctx, { ...loaded, turns: [...turns, turn] }, outcome);
  room.emit('session:ended', { sessionId, ...finished });
}
