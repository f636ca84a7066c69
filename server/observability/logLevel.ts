/**
 * The levels LOG_LEVEL may name, apart from the logger itself so the configuration check
 * (server/config.ts) runs before pino is loaded: a bad value is reported at once.
 */
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LogLevel = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevel>;
