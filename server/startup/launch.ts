/**
 * The server's start once its configuration is known to be good (server/main.ts checks it
 * first): Redis for the adapter, when configured → storage → tokens → rubric, then personas (checked against its signals) →
 * the first admin → HTTP API and socket.io on one port. Each step that can fail for a reason
 * a person can fix throws a StartupError naming it; whatever was started by then is closed
 * again, so a failed start leaves nothing running.
 */
import { createServer } from 'node:http';
import type { DestinationStream } from 'pino';
import { join } from 'node:path';
import { ensureAdmin } from '../auth/bootstrapAdmin.ts';
import { configuredLoginLimiter } from '../auth/loginLimiter.ts';
import { MEMORY, type LimitStore } from '../limits/limitStore.ts';
import { createTokens } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import { FileError, formatProblem } from '../dataFiles/fileError.ts';
import { createHttpApp } from '../http/app.ts';
import { createLogger, lineLog, type Logger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { loadPersonaCatalog } from '../personas/personaCatalog.ts';
import { PERSONAS_DIR } from '../personas/personaLibrary.ts';
import { knownSignals } from '../scoring/rubric/signalTags.ts';
import { clusterOptions } from '../realtime/clusterOptions.ts';
import { attachSocketServer } from '../realtime/socketServer.ts';
import { socketLimits } from '../realtime/socketLimits.ts';
import { signOutRelay } from '../realtime/signOut.ts';
import { loadDefaultRubric } from '../dataFiles/loadRubric.ts';
import { createScorer } from '../scoring/scorer.ts';
import type { ServerContext } from '../serverContext.ts';
import { redactDatabaseUrl } from '../store/sql/databaseUrl.ts';
import { SQLITE_FILE } from '../store/sql/sqliteFile.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { guardStore } from '../store/storeGuard.ts';
import { checkDataDir } from './checkDataDir.ts';
import { checkOldRecords } from './checkOldRecords.ts';
import { listen } from './listen.ts';
import { connectRedis, type RedisConnection } from '../redis/connectRedis.ts';
import { redactRedisUrl } from '../redis/redisUrl.ts';
import { shortReason, StartupError } from './startupError.ts';

export interface RunningServer {
  /** `http://localhost:PORT`, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  close(): Promise<void>;
  /** A line in the server's log, for its entry to say why it stops. */
  log(line: string): void;
}

/** Undoes one step of the start; run newest first when the server stops or a later step fails. */
type Closer = () => Promise<unknown> | unknown;

export interface LaunchOutput {
  /** Where `ctx.log` lines go; by default info lines of the structured log. */
  log?: (line: string) => void;
  /** Where the structured log's JSON lines go; stdout by default. */
  logDestination?: DestinationStream;
}

export async function launch(config: Config, output: LaunchOutput = {}): Promise<RunningServer> {
  const logger = createLogger({ level: config.logLevel, ...(output.logDestination ? { destination: output.logDestination } : {}) });
  const log = output.log ?? lineLog(logger);
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        log(`while stopping: ${shortReason(err)}`);
      }
    }
  };
  try {
    return { url: await start(config, log, logger, closers), close: closeAll, log };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

async function start(config: Config, log: (line: string) => void, logger: Logger, closers: Closer[]): Promise<string> {
  // Redis first when configured: its connection is the likeliest thing to be wrong, and the
  // adapter needs a connection of its own anyway (the store's is the store's business).
  let redis: RedisConnection | null = null;
  if (config.redisUrl) {
    const connection = await connectRedis(config.redisUrl, { name: 'sparring-adapter', log }).catch((err: unknown) => {
      const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
      throw new StartupError(`REDIS_URL=${redactRedisUrl(config.redisUrl!)}: cannot connect to Redis (${shortReason(cause)})`);
    });
    closers.push(() => connection.close());
    redis = connection;
  }
  if (!config.databaseUrl) checkDataDir(config.dataDir);

  const store = await open(config);
  closers.push(() => store.close());
  await checkOldRecords(config.dataDir, store);
  for (const problem of store.problems) log(`storage: ${problem}`);

  const rubric = loadRubric();
  const metrics = createMetrics();
  const ctx: ServerContext = {
    config,
    store,
    personas: await loadPersonas(store, rubric, log),
    rubric,
    scorer: createScorer(rubric),
    tokens: await createTokens(store, config.tokenHours),
    signOut: signOutRelay(),
    log,
    logger,
    metrics,
  };
  await ensureAdmin(ctx);

  const limitStore = await openLimitStore(config, log, closers);
  const httpServer = createServer(
    createHttpApp(ctx, { loginLimiter: configuredLoginLimiter(limitStore, config.limits, log), ...(redis ? { pingRedis: () => redis.ping() } : {}) }),
  );
  const io = attachSocketServer(httpServer, ctx, {
    ...(redis ? clusterOptions(redis, config.redisKeyPrefix) : {}),
    limits: socketLimits(limitStore, config.limits),
  });
  // Closing socket.io closes every socket and then the HTTP server: clients see a clean
  // disconnect and, on Redis, their socket.io session is kept for recovery on another process.
  closers.push(() => io.close());

  const port = await listen(httpServer, config.port, config.host);
  const url = `http://localhost:${port}`;
  log(`Sparring listening on ${url} (storage: ${storageName(config)})`);
  return url;
}

/**
 * Where the limits count (server/limits/): with Redis, a connection of their own that fails a
 * call at once while Redis is down, so the limits fall back to this process's memory at
 * once instead of holding every login and event in a queue.
 */
async function openLimitStore(config: Config, log: (line: string) => void, closers: Closer[]): Promise<LimitStore> {
  if (!config.redisUrl) return MEMORY;
  const redis = await connectRedis(config.redisUrl, { name: 'sparring-limits', failWhileDown: true, log }).catch((err: unknown) => {
    throw new StartupError(`REDIS_URL=${redactRedisUrl(config.redisUrl!)}: cannot connect to Redis for the limits (${shortReason(err)})`);
  });
  closers.push(() => redis.close());
  return { kind: 'redis', redis, keyPrefix: config.redisKeyPrefix };
}

async function open(config: Config): Promise<SessionStore> {
  try {
    // Loaded only here: a start that fails earlier (Redis, DATA_DIR) never loads the database drivers.
    const { openStore } = await import('../store/openStore.ts');
    return await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (err) {
    const what = config.databaseUrl ? `DATABASE_URL=${redactDatabaseUrl(config.databaseUrl)}` : `DATA_DIR=${config.dataDir}`;
    throw new StartupError(`${what}: cannot open the store (${shortReason(err)})`);
  }
}

/** Where the records are, for the line that says the server listens. */
function storageName(config: Config): string {
  return config.databaseUrl ? `PostgreSQL ${redactDatabaseUrl(config.databaseUrl)}` : `SQLite in ${join(config.dataDir, SQLITE_FILE)}`;
}

/**
 * Every persona file that loads; each one that does not is logged with its path and line and
 * left out. The versions QA saved are read from the store as they are needed.
 */
async function loadPersonas(store: SessionStore, rubric: ServerContext['rubric'], log: (line: string) => void): Promise<ServerContext['personas']> {
  const catalogue = loadPersonaCatalog(PERSONAS_DIR, knownSignals(rubric));
  for (const problem of catalogue.problems) log(`persona skipped: ${formatProblem(problem)}`);
  try {
    // Bounded: a store that stalls here must not stall the start.
    await catalogue.refresh(guardStore(store, { timeoutMs: 5000 }));
  } catch (err) {
    // Not fatal: each session:start reads its persona's saved versions again.
    log(`saved personas not read yet: ${shortReason(err)}`);
  }
  if (catalogue.personas.length === 0) log('no persona loaded: trainees will have nobody to practise with');
  return catalogue;
}

function loadRubric(): ServerContext['rubric'] {
  try {
    return loadDefaultRubric();
  } catch (err) {
    // Without its rubric the server cannot score a single reply: that stops the start.
    if (err instanceof FileError) throw new StartupError(`rubric: ${formatProblem(err.problems[0]!)}`);
    throw err;
  }
}
