/**
 * The training server's entry (`npm start`). With REDIS_URL, storage is Redis and socket.io
 * reaches the other server processes through the Redis streams adapter, so several processes
 * serve one set of users; without it everything is embedded (files in DATA_DIR) and one
 * process serves. The start itself is startup/launch.ts.
 *
 * A start that cannot succeed (bad configuration, port in use, Redis unreachable, DATA_DIR
 * not writable) prints one line naming the problem and exits 1, never a stack trace.
 * SIGTERM and SIGINT close the sockets, the HTTP server and the store, then exit 0.
 *
 * `startServer(env)` runs the same start in-process, for tests.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { readConfig } from './config.ts';
import type { RunningServer } from './startup/launch.ts';
import { checkRedisUrl } from './startup/checkRedisUrl.ts';
import { describeStartupFailure, StartupError } from './startup/startupError.ts';

export type { RunningServer } from './startup/launch.ts';

export interface StartOptions {
  /** Where the server's one-line messages go; by default the structured log, as info lines. */
  log?: (line: string) => void;
  /** Where the structured log's JSON lines go; stdout by default. */
  logDestination?: DestinationStream;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningServer> {
  const read = readConfig(env);
  if (!read.ok) throw new StartupError(read.message);
  const config = read.config;
  if (config.redisUrl) checkRedisUrl(config.redisUrl);
  // Loaded only now: a bad value is reported at once, not after the whole server has loaded.
  const { launch } = await import('./startup/launch.ts');
  return launch(config, options);
}

/** `node server/main.ts`: start, print one line on failure, and stop cleanly on a signal. */
async function main(): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer(process.env);
  } catch (err) {
    process.stderr.write(`Sparring could not start: ${describeStartupFailure(err)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means "now": do not wait for a close that hangs.
    if (stopping) process.exit(1);
    stopping = true;
    server.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) await main();
