/**
 * Builds the web client into client/dist exactly as `npm run build` does, so the browser
 * tests need no build beforehand. It runs in a child process without the test runner's
 * NODE_ENV=test, which would otherwise give a development build of React (and leave it in
 * client/dist for the next `npm start`). The server looks for client/dist when its app is
 * created: build first.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

export async function buildClient(): Promise<void> {
  const { NODE_ENV: _testEnv, ...env } = process.env;
  await promisify(execFile)(process.execPath, [VITE, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    timeout: 60_000,
  });
}
