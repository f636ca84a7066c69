/**
 * `session:start`: a trainee begins a conversation with a persona. Checks the role (trainees,
 * and QA for a try-out: server/auth/access.ts), the assignment when one is named, the
 * persona, and the open-session limit; stores the session with the customer's opening and
 * its state; acknowledges with the opening line (and, for an assignment, what the coach
 * required of the client).
 */
import { randomUUID } from 'node:crypto';
import { canPlayAssignment, canStartSession, startsTryouts } from '../auth/access.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import { startConversation } from '../personas/conversation.ts';
import { publicPersona } from '../personas/schema.ts';
import { newSeed } from '../personas/seededChoice.ts';
import type { ServerContext } from '../serverContext.ts';
import type { Assignment, SessionRecord, StoredTurn } from '../domain/records.ts';
import { fail, type AckError } from './ackErrors.ts';
import { isAckError } from './loadSession.ts';
import type { Payload } from './payloads.ts';
import type { SessionStartOk } from './serverEvents.ts';
import { answer, refuse, type Step } from './step.ts';

export async function sessionStart(ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:start'>): Promise<Step<SessionStartOk>> {
  if (!canStartSession(caller.role)) return refuse(fail('forbidden', 'only trainees start training sessions (and QA, to try a persona out)'));
  const assignment = payload.assignmentId === undefined ? null : await assignmentFor(ctx, caller, payload);
  if (isAckError(assignment)) return refuse(assignment);
  // An assigned session is in the assignment's locale unless the payload says (the same) one.
  const locale = payload.locale ?? assignment?.locale;
  // The live version as the store has it now: QA may have saved one through another process.
  await ctx.personas.refresh(ctx.store, { personaId: payload.personaId });
  const persona = ctx.personas.live(payload.personaId, locale);
  if (!persona) {
    return refuse(fail('not_found', `no persona "${payload.personaId}"${locale ? ` in ${locale}` : ''}`));
  }
  // Retired: no new practice with it; QA may still try it out.
  if (persona.retired && caller.role === 'trainee') return refuse(fail('not_found', `the persona "${persona.id}" is retired`));
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
    ...(assignment ? { assignmentId: assignment.id } : {}),
    ...(startsTryouts(caller.role) ? { tryout: true } : {}),
  };
  const first: StoredTurn = { index: 0, role: 'customer', text: opening.text, at: now, mood: opening.mood, state: conversation.state };
  await ctx.store.createSession(session, first);
  ctx.metrics.openSessions.inc();
  const settings = assignment ? { settings: { hideMood: assignment.hideMood, hints: assignment.hints } } : {};
  return answer({ ok: true, sessionId: session.id, mode, persona: publicPersona(persona, ctx.personas.signals), opening, ...settings });
}

/** The assignment named in the payload, if it exists, names the caller and is for this persona (and locale). */
async function assignmentFor(ctx: ServerContext, caller: TokenClaims, payload: Payload<'session:start'>): Promise<Assignment | AckError> {
  const assignment = await ctx.store.getAssignment(payload.assignmentId!);
  if (!assignment) return fail('not_found', 'no assignment with this id');
  if (!canPlayAssignment(caller, assignment)) return fail('forbidden', 'this assignment is not yours');
  if (assignment.personaId !== payload.personaId) {
    return fail('bad_request', `personaId: this assignment is for the persona "${assignment.personaId}"`);
  }
  if (payload.locale !== undefined && payload.locale !== assignment.locale) {
    return fail('bad_request', `locale: this assignment is in ${assignment.locale}`);
  }
  return assignment;
}
