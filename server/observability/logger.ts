/**
 * The server's log: JSON lines (pino) on stdout, one object per event, at a level set by
 * LOG_LEVEL. Below every layer that logs; it knows nothing of HTTP or sessions.
 *
 * What may be logged at which level (docs/security.md, V7): ids (request, user, session),
 * usernames, event names, codes, counts and durations at info; never a password, a token, a
 * cookie, an Authorization header, or what a trainee or a customer said, at any level. The
 * redaction below is the second line of defence for headers and credential fields that a
 * careless caller passes as an object; the first is to log ids, not payloads. A value's
 * newlines cannot forge a line: JSON escapes them.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './logLevel.ts';

export type Logger = PinoLogger;

/** Fields that hold a secret wherever they appear in a logged object (one or two levels down). */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the lines go: stdout by default; tests pass a stream that keeps them. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED, censor: '[redacted]' },
      // Read by people as often as by machines: an ISO time, and the level's name.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/**
 * `ctx.log(line)`, the one-line form every part of the server already uses, on top of the
 * structured log: an info line with the text as its message.
 */
export function lineLog(logger: Logger): (line: string) => void {
  return (line) => logger.info(line);
}
