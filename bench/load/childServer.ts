/**
 * Starts a server for the load benchmark as a child process of its own (Sparring's
 * server/main.ts or the echo server), so it has its own event loop and its memory can be
 * read apart from the clients'. The child gets the memory probe preloaded and an IPC
 * channel to ask it through; its URL is read from the line it prints once listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../server/startup/nodeFlags.ts';
import type { ProbeReport } from './memoryProbe.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROBE = resolve(REPO_ROOT, 'bench', 'load', 'memoryProbe.ts');

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** Memory (after a full GC when `collect`) and the CPU time used so far. */
  probe(collect: boolean): Promise<ProbeReport>;
  /** SIGTERM, then SIGKILL if it has not gone within a few seconds. */
  stop(): Promise<void>;
  /** Everything it printed, for a failure message. */
  output(): string;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** Extra node flags for every server started, to look inside one: `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const EXTRA_FLAGS = (process.env.SPARRING_BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);

export function startChildServer(name: string, script: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ChildServer> {
  // The echo server gets the same flags: a like-for-like floor.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...EXTRA_FLAGS, '--expose-gc', '--import', 'tsx', '--import', PROBE, resolve(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rejectStart(new Error(`${name}: ${why}\n${output}`));
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code}) before listening`);
    child.on('exit', onEarlyExit);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = LISTENING.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolveStart({
        name,
        url: url.replace('//localhost:', '//127.0.0.1:'),
        pid: child.pid!,
        probe: (collect) => probe(child, collect),
        stop: () => stop(child, exited),
        output: () => output,
      });
    });
  });
}

function probe(child: ChildProcess, collect: boolean): Promise<ProbeReport> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the memory probe did not answer')), 10_000);
    const onMessage = (message: unknown) => {
      if ((message as ProbeReport | null)?.type !== 'probe') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      done(message as ProbeReport);
    };
    child.on('message', onMessage);
    child.send(collect ? 'memory' : 'usage');
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
