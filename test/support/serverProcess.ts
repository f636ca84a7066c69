/**
 * Runs the real server (`node --import tsx server/main.ts`) as a separate process with the
 * environment a test gives it, the way a person or a process manager would: waits for its
 * "listening" line (or its exit), and keeps everything it printed for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../server/startup/nodeFlags.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Set once the server is listening: `http://127.0.0.1:PORT`. */
  url: string | null;
  stdout(): string;
  /** What the server said on stdout: the message of each JSON log line, one per line. */
  messages(): string;
  stderr(): string;
  /** After the process ended and its output was read to the end. */
  exited: Promise<Exit>;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

const LISTENING = /Sparring listening on http:\/\/localhost:(\d+)/;

function logMessages(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg)
    .join('\n');
}

/** Starts the server; resolves once it listens or has exited, whichever comes first (a minute at most: on a busy 2-core machine a start can take half of one). */
export function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', resolve(REPO_ROOT, 'server', 'main.ts')], {
    cwd: REPO_ROOT,
    // Only what the test sets: an inherited DATABASE_URL, REDIS_URL or PORT would change what is tested.
    env: { PATH: process.env.PATH, NO_COLOR: '1', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<Exit>((done) => child.once('close', (code, signal) => done({ code, signal })));
  const server: ServerProcess = {
    child,
    url: null,
    stdout: () => out,
    messages: () => logMessages(out),
    stderr: () => err,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the server did not start within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = LISTENING.exec(out)?.[1];
      if (port && !server.url) {
        server.url = `http://127.0.0.1:${port}`;
        clearTimeout(timer);
        done(server);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      done(server);
    });
  });
}
