/**
 * The server's structured log kept in memory, for tests: every JSON line the logger writes,
 * parsed (`records`, debug and up), and the message of each line at info and up (`lines`: what
 * an operator reads at the default LOG_LEVEL, and what `ctx.log` wrote).
 */
import { createLogger, type Logger } from '../../server/observability/logger.ts';

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface LogCapture {
  logger: Logger;
  /** Where `logger` writes: give it to a server that builds its own logger (startServer). */
  destination: { write(line: string): void };
  records: LogRecord[];
  lines: string[];
  /** Every line as written, for looking for what must never be there. */
  raw: string[];
}

const SHOWN_AT_INFO = new Set(['info', 'warn', 'error', 'fatal']);

export function captureLog(): LogCapture {
  const records: LogRecord[] = [];
  const lines: string[] = [];
  const raw: string[] = [];
  const destination = {
    write(line: string) {
      raw.push(line);
      const record = JSON.parse(line) as LogRecord;
      records.push(record);
      if (SHOWN_AT_INFO.has(record.level)) lines.push(record.msg);
    },
  };
  return { logger: createLogger({ level: 'debug', destination }), destination, records, lines, raw };
}
