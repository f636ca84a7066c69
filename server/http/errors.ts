/**
 * The one shape of an HTTP error: `{ error: { code, message } }`, each code with its status
 * (the contract's table). Routes answer errors as values through `sendError`; anything
 * thrown ends in app.ts's last handler, which answers `internal` and never shows a stack.
 */
import type { Response } from 'express';
import type { ErrorBody, ErrorCode } from '../domain/apiAnswers.ts';

export type { ErrorBody, ErrorCode };

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(res: Response, code: ErrorCode, message: string): void {
  // Kept for what watches the answer go out (the failed-login count, the request log).
  res.locals.errorCode = code;
  res.status(ERROR_STATUS[code]).json(errorBody(code, message));
}

/** The code of the error answered, if `sendError` answered one. */
export function errorCodeOf(res: Response): ErrorCode | undefined {
  return res.locals.errorCode as ErrorCode | undefined;
}

