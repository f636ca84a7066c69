/**
 * One client event from arrival to acknowledgement: the ack callback must be there, the
 * payload must fit its schema (else `bad_request`, and no handler runs), the handler runs
 * in its lock, the ack is sent, then the work that follows it. Nothing a handler throws
 * reaches socket.io: a failing store is answered `unavailable`, anything else `internal`
 * (and logged), so no client can crash the process.
 *
 * Every event is logged at debug when answered (event, user, session, ack code, time; never
 * the payload's text), and `trainee:say`'s time from arrival to ack feeds the turn latency
 * metric.
 */
import type { Socket } from 'socket.io';
import type { TokenClaims } from '../auth/tokens.ts';
import type { ServerContext } from '../serverContext.ts';
import { fail, STORE_UNAVAILABLE_MESSAGE, type AckError } from '../sessions/ackErrors.ts';
import { secondsSince } from '../observability/metrics.ts';
import { describeInvalid } from '../validation/describeInvalid.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';
import type { AckOk, ClientEvent, ClientPayloadSchemas, ClientToServerEvents, Payload, ServerToClientEvents } from '../sessions/payloads.ts';
import { withLock } from '../sessions/sessionLocks.ts';
import type { OwnerRoom, Step } from '../sessions/step.ts';
import type { SocketData } from './handshake.ts';

export type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AckFn = (answer: unknown) => void;

export interface ClientEventHandler<E extends ClientEvent> {
  schema: ClientPayloadSchemas[E];
  run: (ctx: ServerContext, caller: TokenClaims, payload: Payload<E>) => Promise<Step<AckOk[E]>>;
  /** What must not run at the same time as this (the session, or the trainee for starts). */
  lock: (caller: TokenClaims, payload: Payload<E>) => string;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The session an event is about: named in its payload, or created by it (`session:start`'s ack). */
function sessionOf(payload: unknown, ack: unknown): string | undefined {
  for (const value of [payload, ack]) {
    const id = (value as { sessionId?: unknown } | null)?.sessionId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** What an event's log lines say: ids and the outcome, nothing the caller wrote. */
function eventFields(event: string, caller: TokenClaims, payload: unknown, answered?: unknown): Record<string, unknown> {
  const sessionId = sessionOf(payload, answered);
  return { event, userId: caller.userId, ...(sessionId ? { sessionId } : {}) };
}

/** The acknowledgement callback, if the client sent one (socket.io passes it last). */
export function ackOf(args: readonly unknown[]): AckFn | null {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as AckFn) : null;
}

/** An event that cannot be answered through an ack is answered on its connection alone. */
export function rejectUnanswerable(socket: ServerSocket, event: string, error: AckError): void {
  socket.emit('request:rejected', { event, error: error.error });
}

export function listen<E extends ClientEvent>(socket: ServerSocket, ctx: ServerContext, event: E, handler: ClientEventHandler<E>, room: OwnerRoom): void {
  const onEvent = async (...args: unknown[]): Promise<void> => {
    const arrived = performance.now();
    const caller = socket.data.caller;
    const given = ackOf(args);
    // The payload once checked: an unchecked one may hold anything, and is not logged.
    let checked: unknown;
    // Every answer passes here: timed, logged at debug, and for a stored turn, measured.
    const ack: AckFn | null = given
      ? (answer) => {
          given(answer);
          const ok = (answer as { ok?: unknown }).ok === true;
          if (event === 'trainee:say' && ok) ctx.metrics.turnLatency.observe(secondsSince(arrived));
          // Built only when someone reads it: every event of every trainee passes here.
          if (!ctx.logger.isLevelEnabled('debug')) return;
          const code = ok ? 'ok' : (answer as AckError).error?.code;
          ctx.logger.debug({ ...eventFields(event, caller, checked, answer), ack: code, ms: Math.round(performance.now() - arrived) }, `socket ${event}`);
        }
      : null;
    if (!ack) return rejectUnanswerable(socket, event, fail('bad_request', `${event} needs an acknowledgement callback`));
    if (args.length !== 2) return ack(fail('bad_request', `${event} takes one payload and an acknowledgement callback`));
    const parsed = handler.schema.safeParse(args[0]);
    if (!parsed.success) return ack(fail('bad_request', describeInvalid(parsed.error, 'payload')));
    const payload = parsed.data as Payload<E>;
    checked = payload;
    let acked = false;
    try {
      await withLock(handler.lock(caller, payload), async () => {
        const step = await handler.run(ctx, caller, payload);
        acked = true;
        ack(step.ack);
        try {
          await step.after?.(room);
        } catch (err) {
          // The client has its answer; what failed afterwards, resume completes.
          ctx.logger.error({ ...eventFields(event, caller, payload), err: message(err) }, `${event}: after the ack: ${message(err)}`);
        }
      });
    } catch (err) {
      if (err instanceof StoreUnavailable) {
        ctx.logger.warn(eventFields(event, caller, payload), `${event}: ${err.message}`);
        if (!acked) ack(fail('unavailable', STORE_UNAVAILABLE_MESSAGE));
        return;
      }
      ctx.logger.error({ ...eventFields(event, caller, payload), stack: err instanceof Error ? err.stack : undefined }, `${event}: internal error: ${message(err)}`);
      if (!acked) ack(fail('internal', 'the server failed to handle this event'));
    }
  };
  // The typed map describes what a well-behaved client sends; this listener checks what actually came.
  socket.on(event, onEvent as never);
}
