/**
 * One log line per HTTP request (pino-http): method, path (never the query string), status,
 * time taken, the request id, and, once known, the signed-in user's id and the session the
 * path names. Headers and bodies are not logged at all, so no password, token or cookie can
 * reach the log from here.
 *
 * The request id is the caller's `X-Request-Id` when it is short and plain (a proxy's id,
 * so one request can be followed through both logs), else a new one; either way it is sent
 * back in `X-Request-Id`. Probes, metrics scrapes and the web client's files are logged at
 * debug, so the info log is the API's traffic.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { TokenClaims } from '../auth/tokens.ts';
import type { Logger } from '../observability/logger.ts';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const SESSION_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,128})(?:\/|$)/;
const QUIET_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/** The caller's id when it is safe to log and to send back, else a fresh one. */
export function requestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const pathOf = (req: IncomingMessage): string => ((req as Request).originalUrl ?? req.url ?? '').split('?')[0]!;

/** What each line says about the request, besides the ids. */
function requestFields(req: IncomingMessage): Record<string, unknown> {
  return { method: req.method, path: pathOf(req), address: (req as Request).ip };
}

/** The ids a line carries once the request is answered: who (if signed in) and which session. */
function idsOf(req: IncomingMessage, res: ServerResponse): Record<string, string> {
  const caller = (res as Response).locals?.caller as TokenClaims | undefined;
  const sessionId = SESSION_PATH.exec(pathOf(req))?.[1];
  return { ...(caller ? { userId: caller.userId } : {}), ...(sessionId ? { sessionId } : {}) };
}

function levelOf(req: IncomingMessage, res: ServerResponse, err?: Error): 'error' | 'info' | 'debug' {
  if (err || res.statusCode >= 500) return 'error';
  const path = pathOf(req);
  if (res.statusCode < 400 && (QUIET_PATHS.has(path) || !path.startsWith('/api/'))) return 'debug';
  return 'info';
}

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Our own serializers read the raw request and answer: nothing in them but what is listed.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => requestFields(req),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    customAttributeKeys: { responseTime: 'ms' },
    // Read when the answer is sent, so the user id that authentication found is there.
    customSuccessObject: (req, res, fields: object) => ({ ...fields, requestId: req.id, ...idsOf(req, res) }),
    customErrorObject: (req, res, _err, fields: object) => ({ ...fields, requestId: req.id, ...idsOf(req, res) }),
    customLogLevel: levelOf,
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
