/**
 * `trainee:say`: the trainee's turn. In this order: load the session; check ownership, the
 * end and the turn limit; score the turn, once (ctx.scorer); the customer's step takes that
 * score (traineeTurn); store the trainee's turn with its score; acknowledge
 * `{ ok, index, score }`; then every tab of the owner gets the turn (`trainee:said`), and a
 * customer voice words the reply, which is stored and emitted (customerReply.ts). A send
 * repeating an index already stored is answered with the stored result and stores nothing.
 */
import type { TokenClaims } from '../auth/tokens.ts';
import { replyTranscript, traineeTurn } from '../personas/conversation.ts';
import type { Step as CustomerStep } from '../personas/customerStep.ts';
import type { ServerContext } from '../serverContext.ts';
import type { StoredTurn } from '../domain/records.ts';
import { nextTurnIndex, turnAt } from '../domain/turnIndex.ts';
import { fail, type AckError } from './ackErrors.ts';
import { customerReply } from './customerReply.ts';
import { asksModel, liveModelSignals } from './liveModelSignals.ts';
import { conversationBefore, isAckError, loadSession, personaOutcome, traineeTurnCount, type LoadedSession } from './loadSession.ts';
import type { Payload } from './payloads.ts';
import type { TraineeSaid, TraineeSayOk } from './serverEvents.ts';
import { answer, refuse, type OwnerRoom, type Step } from './step.ts';

/**
 * After the ack: the turn to every tab of the owner (the sender has it from its ack too), then
 * the customer's reply to it, so each tab shows the two in order whichever tab sent the turn.
 * Where the model reads turns too, it does so beside the reply, never delaying it.
 */
function saidThenAnswered(ctx: ServerContext, loaded: LoadedSession, said: TraineeSaid, step?: CustomerStep): (room: OwnerRoom) => Promise<void> {
  return async (room) => {
    room.emit('trainee:said', said);
    const model = asksModel(ctx, loaded) ? liveModelSignals(ctx, room, loaded, said) : undefined;
    await customerReply(ctx, room, loaded, step);
    await model;
  };
}

/** The answer to a send whose index is already stored: the stored result, if it is the same turn. */
function repeated(ctx: ServerContext, loaded: LoadedSession, stored: StoredTurn, text: string, mayAnswer = true): Step<TraineeSayOk> {
  if (stored.role !== 'trainee' || stored.text !== text || !stored.score) {
    return refuse(fail('conflict', `turn ${stored.index} is already stored with other words; the next index is ${nextTurnIndex(loaded.turns)}`));
  }
  const ack: TraineeSayOk = { ok: true, index: stored.index, score: stored.score };
  // Still unanswered (the server stopped after the ack): the customer answers now.
  const unanswered = mayAnswer && stored.index === loaded.turns.at(-1)?.index && !loaded.session.endedAt;
  const said = { sessionId: loaded.session.id, index: stored.index, text: stored.text, score: stored.score };
  return answer(ack, unanswered ? saidThenAnswered(ctx, loaded, said) : undefined);
}

function refusal(ctx: ServerContext, loaded: LoadedSession, index: number | undefined): AckError | null {
  const { session, turns } = loaded;
  if (session.endedAt || personaOutcome(turns)) return fail('ended', 'this session has ended');
  const next = nextTurnIndex(turns);
  if (index !== undefined && index !== next) return fail('conflict', `the next index is ${next}, not ${index}`);
  if (turns.at(-1)?.role === 'trainee') {
    return fail('conflict', 'the customer has not answered your last turn yet: wait for customer:say, or resume the session');
  }
  const { maxTurns } = ctx.config.limits;
  if (traineeTurnCount(turns) >= maxTurns) return fail('limit_reached', `a session holds at most ${maxTurns} of your turns: end it to get the report`);
  return null;
}

export async function traineeSay(ctx: ServerContext, caller: TokenClaims, payload: Payload<'trainee:say'>): Promise<Step<TraineeSayOk>> {
  const loaded = await loadSession(ctx, caller, payload.sessionId);
  if (isAckError(loaded)) return refuse(loaded);
  const { turns, persona } = loaded;
  const earlier = payload.index !== undefined && payload.index < nextTurnIndex(turns) ? turnAt(turns, payload.index) : undefined;
  if (earlier) return repeated(ctx, loaded, earlier, payload.text);
  const refused = refusal(ctx, loaded, payload.index);
  if (refused) return refuse(refused);

  const index = nextTurnIndex(turns);
  const before = conversationBefore(turns, index);
  const scored = ctx.scorer.scoreTurn(replyTranscript(persona, before, payload.text));
  const step = traineeTurn(persona, before, payload.text, scored);
  const turn: StoredTurn = { index, role: 'trainee', text: payload.text, at: new Date().toISOString(), score: scored.score };
  const stored = await ctx.store.appendTurn(payload.sessionId, turn);
  if (!stored.ok) {
    // Another process stored this index between our read and our write; it answers the turn, not us.
    if (stored.code === 'exists') return repeated(ctx, { ...loaded, turns: [...turns, stored.existing] }, stored.existing, payload.text, false);
    if (stored.code === 'not_found') return refuse(fail('not_found', 'no session with this id'));
    return refuse(fail('conflict', `the session moved on meanwhile; the next index is ${stored.next}`));
  }
  ctx.metrics.turns.inc({ mode: loaded.session.mode });
  const said = { sessionId: payload.sessionId, index, text: payload.text, score: scored.score };
  return answer({ ok: true, index, score: scored.score }, saidThenAnswered(ctx, { ...loaded, turns: [...turns, turn] }, said, step));
}
