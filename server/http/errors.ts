/**
 * The one shape of an HTTP error: `{ error: { code, message } }`, each code with its status
 * (the contract's table). Routes answer errors as values through `sendError`; anything
 * thrown ends in app.ts's last handler, which answers `internal` and never shows a stack.
 */
import type { Response } from 'express';
import type { z } from 'zod';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(ERROR_STATUS[code]).json(errorBody(code, message));
}

/**
 * A zod failure as one line that names the field first ("password: Too small…"), so a
 * person reading the answer knows what to fix. Only the first issue: one fix at a time.
 */
export function describeInvalid(error: z.ZodError, what = 'body'): string {
  const issue = error.issues[0];
  if (!issue) return `${what}: invalid`;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: unknown field${issue.keys.length > 1 ? 's' : ''}`;
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : what;
  return `${field}: ${issue.message}`;
}
