/**
 * The last handler: whatever was thrown becomes the one error shape. A body the JSON parser
 * refused is the caller's (400 bad_request), a failing store is 503 "try again", anything
 * else is a bug: logged here in full, answered 500 with no detail but the request id, which
 * finds the log line (and is in the answer's X-Request-Id header too).
 */
import type { ErrorRequestHandler } from 'express';
import { sendError } from './errors.ts';
import { StoreUnavailable } from '../store/storeGuard.ts';

/** What body-parser attaches to the errors it raises. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && typeof (err as BodyParserError).type === 'string' && typeof (err as BodyParserError).status === 'number';
}

function bodyProblem(err: BodyParserError, limitBytes: number): string {
  switch (err.type) {
    case 'entity.parse.failed':
      return 'body: malformed JSON';
    case 'entity.too.large':
      return `body: larger than ${Math.round(limitBytes / 1024)} kB`;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'body: send JSON in UTF-8, without content encoding';
    default:
      return 'body: could not be read';
  }
}

// One line per error, as ctx.log wants: the message and where it was thrown.
function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const where = err.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return where ? `${err.message} (${where})` : err.message;
}

export function errorHandler(log: (line: string) => void, bodyLimitBytes: number): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    // Too late for an error answer: let Express close the connection.
    if (res.headersSent) return next(err);
    if (isBodyParserError(err) && err.status >= 400 && err.status < 500) {
      return sendError(res, 'bad_request', bodyProblem(err, bodyLimitBytes));
    }
    const request = `request ${String(req.id)}`;
    if (err instanceof StoreUnavailable) {
      log(`${req.method} ${req.path} (${request}): ${err.message}`);
      return sendError(res, 'unavailable', 'the store is not answering: try again');
    }
    log(`${req.method} ${req.path} (${request}): internal error: ${oneLine(err)}`);
    sendError(res, 'internal', `something went wrong on the server (${request})`);
  };
}
