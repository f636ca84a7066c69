/**
 * The server's configuration, read from the environment and checked once at start. A bad
 * value stops the server with one line naming the variable, never a stack trace.
 */
import { z } from 'zod';
import { parseLlmConfig, type LlmConfig } from './llm/llmConfig.ts';
import { redactDatabaseUrl } from './store/sql/databaseUrl.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL for the records, so several processes share them; unset: SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/./.test(v), 'must be a postgres:// or postgresql:// URL')
    .refine((v) => v === undefined || URL.canParse(v), 'is not a valid URL'),
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\/./.test(v), 'must be a redis:// or rediss:// URL'),
  /**
   * What every Redis key of this deployment starts with (the store's and socket.io's), so one
   * Redis can hold several deployments or test runs; the same for all processes of one.
   * Glob characters would make it unusable for cleaning up with SCAN MATCH.
   */
  SPARRING_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", ":", "_" or "-"')
    .default('sparring:'),
  SPARRING_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Token lifetime. */
  SPARRING_TOKEN_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SPARRING_MAX_TEXT: z.coerce.number().int().positive().max(10_000).default(1000),
  SPARRING_MAX_TURNS: z.coerce.number().int().positive().max(1000).default(60),
  SPARRING_MAX_OPEN_SESSIONS: z.coerce.number().int().positive().max(100).default(3),
  /** Socket events per connection per 10 seconds. */
  SPARRING_EVENT_RATE: z.coerce.number().int().positive().max(10_000).default(40),
})
  // The server's own names for what the environment says.
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.SPARRING_REDIS_PREFIX,
    adminPassword: e.SPARRING_ADMIN_PASSWORD,
    tokenHours: e.SPARRING_TOKEN_HOURS,
    limits: {
      maxText: e.SPARRING_MAX_TEXT,
      maxTurns: e.SPARRING_MAX_TURNS,
      maxOpenSessions: e.SPARRING_MAX_OPEN_SESSIONS,
      eventsPer10s: e.SPARRING_EVENT_RATE,
    },
  }));

export type Config = z.output<typeof Env> & {
  /** Null when no LLM endpoint is configured: scripted personas only. */
  llm: LlmConfig | null;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = name === 'DATABASE_URL' ? redactDatabaseUrl(env[name] ?? '') : (env[name] ?? '');
    return { ok: false, message: `configuration: ${name}=${JSON.stringify(value)}: ${issue.message}` };
  }
  const llm = parseLlmConfig(env);
  if (!llm.ok) return { ok: false, message: `configuration: ${llm.message}` };
  const llmOn = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  return { ok: true, config: { ...parsed.data, llm: llmOn ? llm.config : null } };
}
