/**
 * Builds the web client into client/dist exactly as `npm run build` does, so the browser
 * tests need no build beforehand. It runs in a child process without the test runner's
 * NODE_ENV=test, which would otherwise give a development build of React (and leave it in
 * client/dist for the next `npm start`). The server looks for client/dist when its app is
 * created: build first.
 *
 * The browser layer builds once before any of its files start (buildClientOnce.ts, its
 * global setup), so the files, which run at once in separate workers, never write
 * client/dist over each other; their own calls find the build newer than every client
 * source and return at once.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
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

export async function buildClient(): Promise<void> {
  if (builtAt() > Math.max(...SOURCES.map(newestSource))) return;
  const { NODE_ENV: _testEnv, ...env } = process.env;
  await promisify(execFile)(process.execPath, [VITE, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    timeout: 90_000,
  });
}
