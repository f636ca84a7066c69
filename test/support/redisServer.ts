/**
 * A Redis server of a test's own (Debian's redis-server), on a free loopback port, with the
 * append-only file fsynced on every write: the setting a deployment that must keep every
 * acknowledged turn across a Redis restart needs (README, "Running on Redis"). A test can
 * kill it and start it again on the same port and data directory, which the machine's shared
 * Redis must never be made to do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

export const REDIS_SERVER = process.env.SPARRING_REDIS_SERVER ?? '/usr/bin/redis-server';

export const redisServerAvailable = (): boolean => existsSync(REDIS_SERVER);

export interface OwnRedis {
  url: string;
  /** Kills it (SIGKILL by default: nothing gets flushed that was not already). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}


export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = (): Promise<void> =>
    new Promise((done, fail) => {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
      const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let out = '';
      const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${out}`)), 10_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          done();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`redis-server exited (${code}):\n${out}`));
      });
    });

  const stop = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill(signal);
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async remove() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
