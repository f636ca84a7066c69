/**
 * The server's configuration, read from the environment and checked once at start. A bad
 * value stops the server with one line naming the variable, never a stack trace.
 */
import { z } from 'zod';
import { ADMIN_USERNAME } from './auth/bootstrapAdmin.ts';
import { isUsernameAsPassword, NewPassword, PASSWORD_IS_USERNAME } from './auth/credentials.ts';
import { parseLlmConfig, type LlmConfig } from './llm/llmConfig.ts';
import { TrustProxy } from './limits/trustProxy.ts';
import { LogLevel } from './observability/logLevel.ts';
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
  // The same policy as every new password (server/auth/credentials.ts), and not "admin".
  SPARRING_ADMIN_PASSWORD: NewPassword.refine((p) => !isUsernameAsPassword(p, ADMIN_USERNAME), PASSWORD_IS_USERNAME).optional(),
  /** Token lifetime. */
  SPARRING_TOKEN_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SPARRING_MAX_TEXT: z.coerce.number().int().positive().max(10_000).default(1000),
  SPARRING_MAX_TURNS: z.coerce.number().int().positive().max(1000).default(60),
  SPARRING_MAX_OPEN_SESSIONS: z.coerce.number().int().positive().max(100).default(3),
  /** Socket events per user per 10 seconds, all of the user's connections on every process together. */
  SPARRING_EVENT_RATE: z.coerce.number().int().positive().max(10_000).default(40),
  /** Sessions a user may start per minute. */
  SPARRING_SESSION_STARTS: z.coerce.number().int().positive().max(1000).default(10),
  /** Open socket connections per user (tabs, devices) on all processes together. */
  SPARRING_SOCKETS_PER_USER: z.coerce.number().int().positive().max(1000).default(10),
  /** Failed logins in a row for one username from one address before each further attempt waits. */
  SPARRING_LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Failed logins per client address per hour, whatever the usernames. */
  SPARRING_LOGIN_ADDRESS_FAILURES: z.coerce.number().int().positive().max(100_000).default(100),
  TRUST_PROXY: TrustProxy,
  /** How much the server logs (JSON lines on stdout): `info` has no trainee text and no secret. */
  LOG_LEVEL: LogLevel.default('info'),
  /**
   * The Bearer token Prometheus scrapes `/metrics` with; unset, `/metrics` does not exist (404).
   * Long and in the characters a Bearer header carries, so it cannot be guessed or mangled.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/-]{24,256}$/, 'must be 24 to 256 letters, digits or "._~+/-" (e.g. openssl rand -hex 24)')
    .optional(),
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
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    limits: {
      maxText: e.SPARRING_MAX_TEXT,
      maxTurns: e.SPARRING_MAX_TURNS,
      maxOpenSessions: e.SPARRING_MAX_OPEN_SESSIONS,
      eventsPer10s: e.SPARRING_EVENT_RATE,
      sessionStartsPerMinute: e.SPARRING_SESSION_STARTS,
      socketsPerUser: e.SPARRING_SOCKETS_PER_USER,
      loginFreeFailures: e.SPARRING_LOGIN_FREE_FAILURES,
      loginAddressFailuresPerHour: e.SPARRING_LOGIN_ADDRESS_FAILURES,
    },
  }));

export type Config = z.output<typeof Env> & {
  /** Null when no LLM endpoint is configured: scripted personas only. */
  llm: LlmConfig | null;
};

/** Variables whose value must never be printed. */
const SECRETS = new Set(['SPARRING_ADMIN_PASSWORD', 'METRICS_TOKEN']);

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // A secret is named, never printed: the message lands in logs. A database URL is shown
    // with its password hidden, so the operator still sees which server and database it named.
    const value = name === 'DATABASE_URL' ? redactDatabaseUrl(env[name] ?? '') : (env[name] ?? '');
    const shown = SECRETS.has(name) ? '' : `=${JSON.stringify(value)}`;
    return { ok: false, message: `configuration: ${name}${shown}: ${issue.message}` };
  }
  const llm = parseLlmConfig(env);
  if (!llm.ok) return { ok: false, message: `configuration: ${llm.message}` };
  const llmOn = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  return { ok: true, config: { ...parsed.data, llm: llmOn ? llm.config : null } };
}
