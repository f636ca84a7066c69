/**
 * A real HTTP server for the API tests: createHttpApp on 127.0.0.1 with a free port, the
 * SQLite store in a fresh temporary directory, the real persona files and rubric, and a
 * log kept in memory so tests can read what the server printed.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { z } from 'zod';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createTokens } from '../../server/auth/tokens.ts';
import { readConfig } from '../../server/config.ts';
import { createHttpApp, type HttpAppOptions } from '../../server/http/app.ts';
import { lineLog } from '../../server/observability/logger.ts';
import { createMetrics } from '../../server/observability/metrics.ts';
import { loadPersonaCatalog } from '../../server/personas/personaCatalog.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import type { ServerContext } from '../../server/serverContext.ts';
import { openSqliteSessionStore } from '../../server/store/sqlSessionStore.ts';
import type { Role, SessionRecord, StoredTurn, User } from '../../server/domain/records.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { captureLog, type LogRecord } from '../support/logCapture.ts';

export interface TestServer {
  url: string;
  /** The context as built, before any `adjust`: its store is the real one. */
  ctx: ServerContext;
  dataDir: string;
  /** What the server logged at info and up: the messages. */
  logs: string[];
  /** Every log line, debug and up, as the fields it was written with. */
  logRecords: LogRecord[];
  close(): Promise<void>;
}

/**
 * A server context over a SQLite store in `dataDir` (a new temporary one by default); `now`, the
 * clock its tokens are dated and checked by (the system's by default).
 */
export async function testContext(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'sparring-http-')),
  now?: () => number,
): Promise<{ ctx: ServerContext; logs: string[]; logRecords: LogRecord[]; dataDir: string }> {
  const config = readConfig({ DATA_DIR: dataDir, ...env });
  if (!config.ok) throw new Error(config.message);
  const store = await openSqliteSessionStore(dataDir);
  const log = captureLog();
  const rubric = loadDefaultRubric();
  const ctx: ServerContext = {
    config: config.config,
    store,
    personas: loadPersonaCatalog(),
    rubric,
    scorer: createScorer(rubric),
    tokens: await createTokens(store, config.config.tokenHours, now ? { now } : {}),
    log: lineLog(log.logger),
    logger: log.logger,
    metrics: createMetrics(),
  };
  return { ctx, logs: log.lines, logRecords: log.records, dataDir };
}

export async function startTestServer(
  options: HttpAppOptions & {
    env?: Record<string, string>;
    /** What the app sees instead of the context (a failing part). */
    adjust?: (ctx: ServerContext) => ServerContext;
    /** The clock tokens are dated and checked by, for a test to move. */
    now?: () => number;
  } = {},
): Promise<TestServer> {
  const { ctx, logs, logRecords, dataDir } = await testContext(options.env, undefined, options.now);
  const app = createHttpApp(options.adjust ? options.adjust(ctx) : ctx, options);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    dataDir,
    logs,
    logRecords,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds a user straight to the store. */
export async function addUser(store: SessionStore, username: string, role: Role, password = 'correct horse'): Promise<User> {
  const user: User = { id: randomUUID(), username, role, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
  if (!(await store.createUser(user))) throw new Error(`user ${username} exists`);
  return user;
}

const at = (): string => new Date().toISOString();

/**
 * Adds a session straight to the store (the socket flow is tested elsewhere): the opening,
 * then trainee and customer turns alternating; ended with its report when `ended`.
 */
export async function addSession(
  ctx: ServerContext,
  traineeId: string,
  lines: { opening: string; replies: Array<[trainee: string, customer: string]>; ended?: boolean },
): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: randomUUID(),
    traineeId,
    personaId: 'double-charge',
    personaVersion: 1,
    locale: 'en',
    scenario: 'complaint',
    mode: 'scripted',
    seed: 1,
    startedAt: at(),
    endedAt: null,
    outcome: null,
    report: null,
  };
  const mood = { anger: 5, trust: 5, confusion: 2 };
  await ctx.store.createSession(session, { index: 0, role: 'customer', text: lines.opening, at: at(), mood });
  const turns: Array<Pick<StoredTurn, 'role' | 'text'>> = [{ role: 'customer', text: lines.opening }];
  let index = 1;
  for (const [trainee, customer] of lines.replies) {
    // Each trainee turn is stored with its score, as the server stores it.
    const { score } = ctx.scorer.scoreTurn({ locale: 'en', scenario: 'complaint', turns: [...turns, { role: 'trainee', text: trainee }] });
    for (const turn of [
      { index: index++, role: 'trainee' as const, text: trainee, at: at(), score },
      { index: index++, role: 'customer' as const, text: customer, at: at(), mood },
    ]) {
      const appended = await ctx.store.appendTurn(session.id, turn);
      if (!appended.ok) throw new Error(`appendTurn: ${appended.code}`);
      turns.push(turn);
    }
  }
  if (lines.ended) {
    const report = scoreTranscript(ctx.rubric, { locale: 'en', scenario: 'complaint', turns });
    await ctx.store.endSession(session.id, { endedAt: at(), outcome: 'ended', report });
    return { ...session, endedAt: at(), outcome: 'ended', report };
  }
  return session;
}

/**
 * Checks an answer against the schema the client's types come from: every field it names,
 * of its type, and no field it does not name (zod leaves those out of what it parses, so the
 * parsed answer must equal the whole answer). An answer that drifts from its schema fails
 * here, with the field named. Gives the answer, typed.
 */
export function expectShape<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) expect.fail(`the answer does not match its schema:\n${z.prettifyError(parsed.error)}\n${JSON.stringify(body).slice(0, 500)}`);
  expect(parsed.data, 'the answer has fields its schema does not name').toEqual(body);
  return parsed.data;
}

/** fetch with JSON in and out, and an optional token. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (the client page): the text itself.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function tokenFor(base: string, username: string, password = 'correct horse'): Promise<string> {
  const res = await call(base, 'POST', '/api/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}
