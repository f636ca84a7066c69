/**
 * Builds the web client into client/dist exactly as `npm run build` does, so the browser
 * tests need no build beforehand. It runs in a child process without the test runner's
 * NODE_ENV=test, which would otherwise give a development build of React (and leave it in
 * client/dist for the next `npm start`). The server looks for client/dist when its app is
 * created: build first.
 *
 * Several browser test files run at once in separate workers: a lock directory lets one
 * build while the others wait, and a build newer than every client source is reused, so
 * the files never write client/dist over each other.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
const LOCK = join(ROOT, 'client', '.build-lock');
const BUILT = join(ROOT, 'client', 'dist', 'index.html');
/** What the bundle is made of: the client's sources and the server types it imports. */
const SOURCES = ['client/src', 'client/index.html', 'client/vite.config.ts', 'server'].map((p) => join(ROOT, p));

function newestSource(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function builtAt(): number {
  return statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes was left by a killed run.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000 || Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function buildClient(): Promise<void> {
  await withLock(async () => {
    if (builtAt() > Math.max(...SOURCES.map(newestSource))) return;
    const { NODE_ENV: _testEnv, ...env } = process.env;
    await promisify(execFile)(process.execPath, [VITE, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: '1' },
      timeout: 90_000,
    });
  });
}
