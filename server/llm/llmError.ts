/**
 * How an LLM call failed, as a value the caller shows and recovers from: the customer voice
 * falls back to the scripted line, the graders leave the rule scores alone. The openai SDK's
 * error classes tell its failures apart.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, NotFoundError, PermissionDeniedError, RateLimitError } from 'openai';

export const LLM_ERROR_CODES = ['timeout', 'unavailable', 'rate_limited', 'bad_response', 'empty'] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    /** From a 429's `retry-after`, when the endpoint said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** The shape an ack or an error event carries. */
  toJSON(): { code: LlmErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/**
 * What a trainee is told when the LLM failed, as the end of a plain sentence ("The customer
 * took too long to answer"): the endpoint's own words (a status line, a provider's error
 * text, an address) go to the log only. They mean nothing to a trainee and may say more
 * about the deployment than they should.
 */
const PLAIN_CAUSE: Record<LlmErrorCode, string> = {
  timeout: 'took too long to answer',
  unavailable: 'could not be reached',
  rate_limited: 'is busy right now',
  bad_response: 'gave an answer that could not be used',
  empty: 'gave no answer',
};

/** How a failure is said to a trainee; any code not known here is "could not be reached". */
export function plainCause(code: string): string {
  return (PLAIN_CAUSE as Record<string, string>)[code] ?? PLAIN_CAUSE.unavailable;
}

/** The first line of an error's message: LangChain appends a troubleshooting link below it. */
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim();
}

/** What an SDK status error means for us: the most specific class first. */
function statusError(err: APIError): LlmError {
  if (err instanceof RateLimitError) {
    const after = Number(err.headers?.get('retry-after'));
    const retryAfterMs = Number.isFinite(after) && after >= 0 ? after * 1000 : undefined;
    return new LlmError('rate_limited', `the LLM endpoint is rate-limiting${retryAfterMs !== undefined ? ` (retry after ${after} s)` : ''}`, retryAfterMs);
  }
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) return new LlmError('unavailable', `the LLM endpoint refused the API key (HTTP ${err.status})`);
  if (err instanceof NotFoundError) return new LlmError('unavailable', `the LLM endpoint has no such model or route (HTTP 404): ${firstLine(err)}`);
  return new LlmError('unavailable', `the LLM endpoint failed (HTTP ${err.status}): ${firstLine(err)}`);
}

function connectionLost(err: unknown): LlmError {
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return new LlmError('unavailable', `lost the connection to the LLM endpoint${cause}`);
}

/**
 * What an SDK or network failure means for us. The openai SDK's
 * classes tell its failures apart; LangChain rethrows two of them as plain errors named
 * `TimeoutError` (a connection timeout) and `AbortError` (an aborted request), and a
 * stream that breaks while being read fails in undici with "terminated".
 */
export function toLlmError(err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof APIConnectionTimeoutError) return new LlmError('timeout', 'the LLM endpoint did not answer in time');
  if (err instanceof APIConnectionError || err instanceof APIUserAbortError) return connectionLost(err);
  // Every other SDK error came with an HTTP status.
  if (err instanceof APIError && err.status !== undefined) return statusError(err);
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') return new LlmError('timeout', 'the LLM endpoint did not answer in time');
  if (err instanceof SyntaxError) return new LlmError('bad_response', `the LLM endpoint sent something that is not JSON: ${firstLine(err)}`);
  if (name === 'AbortError' || firstLine(err) === 'terminated') return connectionLost(err);
  return new LlmError('unavailable', `the LLM endpoint failed: ${firstLine(err)}`);
}
