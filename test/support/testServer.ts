/**
 * A whole training server for tests: a real SQLite store in a temporary DATA_DIR, the real
 * persona files (a catalogue of its own per server, so versions saved in one test stay
 * there) and rubric, tokens, the HTTP API (so a test can log in over HTTP) and
 * socket.io, listening on 127.0.0.1 at a free port. `restart`-style tests open a second one
 * on the same `dataDir`. Users are created straight in the store; `signIn` logs in over HTTP,
 * `tokenFor` issues a token directly (faster, the same token).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { hashPassword } from '../../server/auth/passwords.ts';
import { signOutRelay } from '../../server/realtime/signOut.ts';
import { createTokens } from '../../server/auth/tokens.ts';
import { readConfig, type Config } from '../../server/config.ts';
import { createHttpApp } from '../../server/http/app.ts';
import { lineLog } from '../../server/observability/logger.ts';
import { createMetrics } from '../../server/observability/metrics.ts';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { PersonaCatalog } from '../../server/personas/personaCatalog.ts';
import { loadPersonaLibrary, type PersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { attachSocketServer, type SocketServer, type SocketServerOptions } from '../../server/realtime/socketServer.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { createScorer, type Scorer } from '../../server/scoring/scorer.ts';
import type { ServerContext } from '../../server/serverContext.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/sessions/payloads.ts';
import { openSqliteSessionStore } from '../../server/store/sqlSessionStore.ts';
import type { Role } from '../../server/domain/records.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { captureLog, type LogRecord } from './logCapture.ts';

export type TestClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: Role;
  token: string;
}

export interface TestServerOptions {
  /** The clock tokens are dated and checked by, for a test to move (the system's by default). */
  now?: () => number;
  /** Reuse a data directory (a restart); a fresh temporary one by default. */
  dataDir?: string;
  limits?: Partial<Config['limits']>;
  /** TRUST_PROXY as parsed; false by default. */
  trustProxy?: Config['trustProxy'];
  llm?: LlmConfig | null;
  storeTimeoutMs?: number;
  /** Wraps the real store, to make it fail on purpose (reliability tests). */
  wrapStore?: (store: SessionStore) => SessionStore;
  /** Wraps the real scorer, to count its calls. */
  wrapScorer?: (scorer: Scorer) => Scorer;
  /** Turns `/metrics` on, behind this token. */
  metricsToken?: string;
}

export interface TestServer {
  url: string;
  dataDir: string;
  ctx: ServerContext;
  io: SocketServer;
  /** What the server logged at info and up: the messages. */
  logs: string[];
  /** Every log line, debug and up, as the fields it was written with. */
  logRecords: LogRecord[];
  user(role?: Role, name?: string): Promise<TestUser>;
  /** `POST /api/login` over HTTP: the token a real client gets. */
  signIn(username: string, password: string): Promise<{ status: number; token?: string }>;
  /** A connected client (rejects with the connect_error). */
  connect(token: string | undefined): Promise<TestClient>;
  /** Stops the server and the store; the data directory stays (see `remove`). */
  close(): Promise<void>;
  /** Deletes the data directory. */
  remove(): Promise<void>;
}

/** The server's own defaults (server/config.ts), which a test may change one by one. */
export const DEFAULT_LIMITS: Config['limits'] = defaultLimits();

function defaultLimits(): Config['limits'] {
  const read = readConfig({});
  if (!read.ok) throw new Error(read.message);
  return read.config.limits;
}
export const PASSWORD = 'correct horse battery';

// Parsing the persona files takes a moment: once per test file.
let library: PersonaLibrary | undefined;
// Hashing is deliberately slow: one hash serves every test user.
let passwordHash: Promise<string> | undefined;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sparring-sessions-')));
  const realStore = await openSqliteSessionStore(dataDir);
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore;
  const log = captureLog();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: undefined,
    redisUrl: undefined,
    redisKeyPrefix: 'sparring:',
    adminPassword: undefined,
    tokenHours: 1,
    trustProxy: options.trustProxy ?? false,
    logLevel: 'debug',
    metricsToken: options.metricsToken,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    llm: options.llm ?? null,
  };
  const rubric = loadDefaultRubric();
  const scorer = createScorer(rubric);
  const ctx: ServerContext = {
    config,
    store,
    personas: new PersonaCatalog((library ??= loadPersonaLibrary())),
    rubric,
    scorer: options.wrapScorer ? options.wrapScorer(scorer) : scorer,
    tokens: await createTokens(realStore, config.tokenHours, options.now ? { now: options.now } : {}),
    signOut: signOutRelay(),
    log: lineLog(log.logger),
    logger: log.logger,
    metrics: createMetrics(),
  };
  const httpServer: HttpServer = createServer(createHttpApp(ctx));
  const socketOptions: SocketServerOptions = options.storeTimeoutMs ? { storeTimeoutMs: options.storeTimeoutMs } : {};
  const io = attachSocketServer(httpServer, ctx, socketOptions);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: TestClient[] = [];

  return {
    url,
    dataDir,
    ctx,
    io,
    logs: log.lines,
    logRecords: log.records,
    async user(role = 'trainee', name) {
      const username = name ?? `${role}-${randomUUID().slice(0, 8)}`;
      const user = { id: randomUUID(), username, role, passwordHash: await (passwordHash ??= hashPassword(PASSWORD)), createdAt: new Date().toISOString() };
      if (!(await realStore.createUser(user))) throw new Error(`user ${username} exists`);
      const token = await ctx.tokens.issue({ userId: user.id, username, role });
      return { id: user.id, username, password: PASSWORD, role, token };
    },
    async signIn(username, password) {
      const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      const body = (await res.json()) as { token?: string };
      return { status: res.status, ...(body.token ? { token: body.token } : {}) };
    },
    connect(token) {
      const socket: TestClient = connectClient(url, {
        auth: token === undefined ? {} : { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      clients.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    async close() {
      for (const c of clients.splice(0)) c.disconnect();
      await io.close();
      await realStore.close();
    },
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}
