/**
 * What a client may send: one zod schema per client event (strict objects, so an unknown
 * key, `__proto__` included, is refused; text cleaned of control and bidirectional
 * characters, trimmed, non-empty and within the configured limit), and the socket.io event maps derived from these and from serverEvents.ts, so a
 * payload's shape is written once. The socket layer (server/realtime/socketServer.ts)
 * checks every event against these before any handler sees it.
 *
 * Extension to the contract: `trainee:say` may carry `index`, the transcript index the
 * trainee's turn will have. A repeated send with an index already stored is answered with
 * the stored result and stored once; without `index` the server takes the next one.
 */
import { z } from 'zod';
import { Locale } from '../scoring/types.ts';
import { outsideText } from '../validation/outsideText.ts';
import type { AckError } from './ackErrors.ts';
import {
  Mode,
  type CustomerDelta,
  type CustomerError,
  type CustomerSay,
  type CustomerTyping,
  type RequestRejected,
  type SessionEnded,
  type SignedOut,
  type TurnModelSignals,
  type SessionEndOk,
  type SessionResumeOk,
  type SessionStartOk,
  type TraineeSaid,
  type TraineeSayOk,
} from './serverEvents.ts';

// Ids are random UUIDs and persona ids are slugs: anything else (a path, a huge string) is refused here.
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"');

function schemasFor(maxText: number) {
  const Text = outsideText(maxText);
  return {
    'session:start': z.strictObject({ personaId: Id, locale: Locale.optional(), mode: Mode.optional(), assignmentId: Id.optional() }),
    'trainee:say': z.strictObject({ sessionId: Id, text: Text, index: z.number().int().min(1).max(1_000_000).optional() }),
    'session:resume': z.strictObject({ sessionId: Id }),
    'session:end': z.strictObject({ sessionId: Id }),
  };
}

export type ClientPayloadSchemas = ReturnType<typeof schemasFor>;
export type ClientEvent = keyof ClientPayloadSchemas;
export const CLIENT_EVENTS = Object.keys(schemasFor(1)) as ClientEvent[];

const cache = new Map<number, ClientPayloadSchemas>();

/** The payload schemas for a text limit (ctx.config.limits.maxText), built once per limit. */
export function clientPayloads(maxText: number): ClientPayloadSchemas {
  let schemas = cache.get(maxText);
  if (!schemas) {
    schemas = schemasFor(maxText);
    cache.set(maxText, schemas);
  }
  return schemas;
}

/** A payload as a handler receives it: checked and trimmed. */
export type Payload<E extends ClientEvent> = z.output<ClientPayloadSchemas[E]>;

/** What each client event is acknowledged with on success. */
export interface AckOk {
  'session:start': SessionStartOk;
  'trainee:say': TraineeSayOk;
  'session:resume': SessionResumeOk;
  'session:end': SessionEndOk;
}

export type Answer<E extends ClientEvent> = AckOk[E] | AckError;

export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: z.input<ClientPayloadSchemas[E]>, ack: (answer: Answer<E>) => void) => void;
};

export interface ServerToClientEvents {
  'trainee:said': (payload: TraineeSaid) => void;
  'customer:typing': (payload: CustomerTyping) => void;
  'customer:delta': (payload: CustomerDelta) => void;
  'customer:say': (payload: CustomerSay) => void;
  'customer:error': (payload: CustomerError) => void;
  'session:ended': (payload: SessionEnded) => void;
  'turn:model_signals': (payload: TurnModelSignals) => void;
  'request:rejected': (payload: RequestRejected) => void;
  'account:signed-out': (payload: SignedOut) => void;
}
