/**
 * The error half of every socket acknowledgement: `{ ok: false, error: { code, message } }`.
 * Errors at this edge are values, built here; exceptions are for bugs (answered `internal`
 * by the dispatcher); a failing store is `StoreUnavailable` (server/store/storeGuard.ts), answered `unavailable`.
 */
import { z } from 'zod';

export const ACK_ERROR_CODES = [
  /** The payload does not fit (missing field, wrong type, text over the limit, no ack callback). */
  'bad_request',
  /** The connection's sign-in ended (logout, password change, deactivation, expiry): the connection closes. */
  'unauthorized',
  /** Not this caller's session, or not this caller's role (or the account must change its password first). */
  'forbidden',
  /** No session or persona with this id. */
  'not_found',
  /** Too many turns in the session, or too many open sessions for the trainee. */
  'limit_reached',
  /** Too many events from this user (all connections) in 10 seconds, or too many sessions started in a minute: the message names the wait. */
  'rate_limited',
  /** The session has ended: nothing more can be said in it. */
  'ended',
  /** The request does not fit the session as stored (an index already used or skipped, a reply still pending). */
  'conflict',
  /** Storage failed or did not answer in time: try again. */
  'unavailable',
  /** A bug on the server. */
  'internal',
] as const;
export const AckErrorCode = z.enum(ACK_ERROR_CODES);
export type AckErrorCode = z.infer<typeof AckErrorCode>;

export const AckError = z.object({
  ok: z.literal(false),
  error: z.object({ code: AckErrorCode, message: z.string() }),
});
export type AckError = z.infer<typeof AckError>;

export function fail(code: AckErrorCode, message: string): AckError {
  return { ok: false, error: { code, message } };
}

export const STORE_UNAVAILABLE_MESSAGE = 'storage is unavailable, try again';

