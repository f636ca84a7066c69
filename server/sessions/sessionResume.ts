/**
 * `session:resume`: everything so far after a reconnect (or in another tab, or on another
 * server process), loaded from the store. Then it completes what a server that stopped
 * mid-exchange left undone: a trainee turn acknowledged but never answered gets its
 * customer reply (the step retaken from the stored state before it and the score stored
 * with it, nothing scored again; then stored and emitted), and a persona ending whose
 * report was not stored is finished and announced.
 */
import type { TokenClaims } from '../auth/tokens.ts';
import type { ServerContext } from '../serverContext.ts';
import { customerReply } from './customerReply.ts';
import { finishSession } from './finishSession.ts';
import { isAckError, lastCustomerTurn, loadSession, personaOutcome, type LoadedSession } from './loadSession.ts';
import type { Payload } from './payloads.ts';
import { ClientTurn, type SessionResumeOk } from './serverEvents.ts';
import { answer, refuse, type OwnerRoom, type Step } from './step.ts';

/** What the server still owes this session, if anything. */
function unfinished(ctx: ServerContext, loaded: LoadedSession): ((room: OwnerRoom) => Promise<void>) | undefined {
  const { session, turns } = loaded;
  if (session.endedAt) return undefined;
  if (turns[turns.length - 1]?.role === 'trainee') return (room) => customerReply(ctx, room, loaded);
  const outcome = personaOutcome(turns);
  if (outcome) {
    return async (room) => {
      const finished = await finishSession(ctx, loaded, outcome);
      room.emit('session:ended', { sessionId: session.id, ...finished });
    };
  }
  return undefined;
}

export async function sessionResume(ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:resume'>): Promise<Step<SessionResumeOk>> {
  const loaded = await loadSession(ctx, caller, payload.sessionId);
  if (isAckError(loaded)) return refuse(loaded);
  const { session, turns } = loaded;
  const ack: SessionResumeOk = {
    ok: true,
    sessionId: session.id,
    personaId: session.personaId,
    locale: session.locale,
    mode: session.mode,
    turns: turns.map((t) => ClientTurn.parse(t)),
    mood: lastCustomerTurn(turns).mood!,
    ended: session.endedAt !== null || personaOutcome(turns) !== null,
    outcome: session.outcome ?? personaOutcome(turns),
    report: session.report,
  };
  return answer(ack, unfinished(ctx, loaded));
}
