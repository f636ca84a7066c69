/**
 * What every file of the unit layer runs with (vitest.config.ts `setupFiles`). The layer runs
 * its files in shared workers without isolating them (that is what makes it fast), so:
 *
 *   - I/O fails the test at once, naming the rule: no network connection or listening
 *     server, no child process, no writing to disk. A test that needs any of it belongs in
 *     the integration layer (test/layers.ts). Reading the repository's files stays allowed.
 *   - what one test changes in the process is put back after it: fake timers, stubbed
 *     globals and environment variables, mocks.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { afterEach, vi } from 'vitest';

function refusal(what: string): () => never {
  return () => {
    throw new Error(`${what}: a unit test does no I/O; move the file to the integration layer (test/layers.ts)`);
  };
}

function refuse(target: object, names: readonly string[], prefix: string): void {
  for (const name of names) Object.defineProperty(target, name, { value: refusal(`${prefix}${name}`), configurable: true, writable: true });
}

refuse(net.Socket.prototype, ['connect'], 'net.Socket#');
refuse(net.Server.prototype, ['listen'], 'net.Server#');
refuse(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process.');
const WRITES = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'truncate'];
refuse(fs, [...WRITES, ...WRITES.map((name) => `${name}Sync`), 'createWriteStream'], 'fs.');
refuse(fs.promises, WRITES, 'fs.promises.');
// `import { spawn } from 'node:child_process'` and the like see the refusals too.
syncBuiltinESMExports();

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
