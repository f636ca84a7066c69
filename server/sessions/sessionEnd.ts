/**
 * `session:end`: the trainee ends the session. The whole score report, summarised from the
 * scores stored with the turns, is stored with the outcome `ended` (or the persona's own
 * outcome, if it had ended the conversation already), then acknowledged; every tab of the
 * trainee hears `session:ended`. Ending an ended session answers its stored report.
 */
import type { TokenClaims } from '../auth/tokens.ts';
import type { ServerContext } from '../serverContext.ts';
import { finishSession } from './finishSession.ts';
import { isAckError, loadSession, personaOutcome } from './loadSession.ts';
import type { Payload } from './payloads.ts';
import type { SessionEndOk } from './serverEvents.ts';
import { answer, refuse, type Step } from './step.ts';

export async function sessionEnd(ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:end'>): Promise<Step<SessionEndOk>> {
  const loaded = await loadSession(ctx, caller, payload.sessionId);
  if (isAckError(loaded)) return refuse(loaded);
  const alreadyEnded = loaded.session.endedAt !== null;
  const finished = await finishSession(ctx, loaded, personaOutcome(loaded.turns) ?? 'ended');
  const ack: SessionEndOk = { ok: true, ...finished };
  if (alreadyEnded) return answer(ack);
  return answer(ack, async (room) => room.emit('session:ended', { sessionId: loaded.session.id, ...finished }));
}
