/**
 * Loads a session for its trainee, fresh from the store every time (any process may serve
 * any session): the record, its turns, and the persona version it was started with (the
 * live version when that one is gone, e.g. a file replaced by a newer one). Someone else's
 * session is `forbidden`, an unknown id `not_found` (the rules are in server/auth/access.ts).
 */
import { sessionPlayAccess } from '../auth/access.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { Conversation } from '../personas/conversation.ts';
import type { CustomerState } from '../domain/customerState.ts';
import type { PersonaFile } from '../personas/schema.ts';
import type { ServerContext } from '../serverContext.ts';
import type { SessionRecord, StoredTurn } from '../domain/records.ts';
import { fail, type AckError } from './ackErrors.ts';

export interface LoadedSession {
  session: SessionRecord;
  turns: StoredTurn[];
  persona: PersonaFile;
}

export async function loadSession(ctx: ServerContext, caller: TokenClaims, sessionId: string): Promise<LoadedSession | AckError> {
  const found = await ctx.store.getSession(sessionId);
  const access = sessionPlayAccess(caller, found?.session ?? null);
  if (!access.ok) return fail(access.code, access.message);
  const { session, turns } = found!;
  const persona = await sessionPersona(ctx, session);
  if (!persona) return fail('not_found', `the persona "${session.personaId}" (${session.locale}) of this session is no longer available`);
  return { session, turns, persona };
}

/**
 * The persona version the session began with. Known here in the common case; otherwise it
 * may have been saved through another process since this one last read the store, so the
 * store is read once before falling back to the live version.
 */
async function sessionPersona(ctx: ServerContext, session: SessionRecord): Promise<PersonaFile | undefined> {
  const { personaId, locale, personaVersion } = session;
  const known = ctx.personas.findVersion(personaId, locale, personaVersion);
  if (known) return known;
  await ctx.personas.refresh(ctx.store, { personaId });
  return ctx.personas.findVersion(personaId, locale, personaVersion) ?? ctx.personas.live(personaId, locale);
}

export const isAckError = (v: unknown): v is AckError => typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

/** The customer's last stored turn: its mood and state are where the conversation stands. */
export function lastCustomerTurn(turns: readonly StoredTurn[], before = Infinity): StoredTurn {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    if (t.index < before && t.role === 'customer') return t;
  }
  throw new Error('a session without a customer turn');
}

/** The conversation as it stood just before the turn at `index`, rebuilt from storage. */
export function conversationBefore(turns: readonly StoredTurn[], index: number): Conversation {
  const customer = lastCustomerTurn(turns, index);
  if (!customer.state) throw new Error(`the customer turn ${customer.index} has no stored state`);
  return {
    state: customer.state,
    turns: turns.filter((t) => t.index < index).map((t) => ({ role: t.role, text: t.text })),
  };
}

/** The persona ended the conversation on its last turn (even if `endSession` did not get stored yet). */
export function personaOutcome(turns: readonly StoredTurn[]): CustomerState['outcome'] {
  const last = turns[turns.length - 1];
  return last?.role === 'customer' ? (last.state?.outcome ?? null) : null;
}

export const traineeTurnCount = (turns: readonly StoredTurn[]): number => turns.filter((t) => t.role === 'trainee').length;
