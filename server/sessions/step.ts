/**
 * The shape of a lifecycle step (sessionStart, traineeSay, sessionResume, sessionEnd): the
 * acknowledgement, computed and stored before it is sent, and optionally the work that
 * follows it (the customer's reply, a `session:ended`), run after the ack with the events
 * going to the session owner's room.
 */
import type { AckError } from './ackErrors.ts';
import type { ServerToClientEvents } from './payloads.ts';

/** The owner's room: every tab and process that serves this trainee. */
export interface OwnerRoom {
  emit<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void;
}

export interface Step<A> {
  ack: A | AckError;
  after?: (room: OwnerRoom) => Promise<void>;
}

/** A refusal: nothing follows it. `Step<never>` fits every step's type. */
export const refuse = (error: AckError): Step<never> => ({ ack: error });

export const answer = <A>(ack: A | AckError, after?: Step<A>['after']): Step<A> => (after ? { ack, after } : { ack });
