/**
 * `session:start`: a trainee begins a conversation with a persona. Checks the role (only
 * trainees start sessions: server/auth/access.ts), the persona, and the open-session limit;
 * stores the session with the customer's opening and its state; acknowledges with the
 * opening line.
 */
import { randomUUID } from 'node:crypto';
import { canStartSession } from '../auth/access.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import { startConversation } from '../personas/conversation.ts';
import { findPersona } from '../personas/personaLibrary.ts';
import { publicPersona } from '../personas/schema.ts';
import { newSeed } from '../personas/seededChoice.ts';
import type { ServerContext } from '../serverContext.ts';
import type { SessionRecord, StoredTurn } from '../store/records.ts';
import { fail } from './ackErrors.ts';
import type { Payload } from './payloads.ts';
import type { SessionStartOk } from './serverEvents.ts';
import { answer, refuse, type Step } from './step.ts';

export async function sessionStart(ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:start'>): Promise<Step<SessionStartOk>> {
  if (!canStartSession(caller.role)) return refuse(fail('forbidden', 'only trainees start training sessions'));
  const persona = findPersona(ctx.personas, payload.personaId, payload.locale);
  if (!persona) {
    return refuse(fail('not_found', `no persona "${payload.personaId}"${payload.locale ? ` in ${payload.locale}` : ''}`));
  }
  const open = await ctx.store.countOpenSessions(caller.userId);
  const { maxOpenSessions } = ctx.config.limits;
  if (open >= maxOpenSessions) {
    return refuse(fail('limit_reached', `you have ${open} sessions open (at most ${maxOpenSessions}): end one first`));
  }

  // LLM mode only where an endpoint is configured; otherwise the scripted customer, and the ack says so.
  const mode = payload.mode === 'llm' && ctx.config.llm ? 'llm' : 'scripted';
  const seed = newSeed();
  const { conversation, opening } = startConversation(persona, seed);
  const now = new Date().toISOString();
  const session: SessionRecord = {
    id: randomUUID(),
    traineeId: caller.userId,
    personaId: persona.id,
    personaVersion: persona.version,
    locale: persona.locale,
    scenario: persona.scenario,
    mode,
    seed,
    startedAt: now,
    endedAt: null,
    outcome: null,
    report: null,
  };
  const first: StoredTurn = { index: 0, role: 'customer', text: opening.text, at: now, mood: opening.mood, state: conversation.state };
  await ctx.store.createSession(session, first);
  return answer({ ok: true, sessionId: session.id, mode, persona: publicPersona(persona), opening });
}
