/**
 * Starting the real server as a process: it answers /api/health, keeps its records in SQLite
 * in DATA_DIR, prints the first admin's password once (not on the next start over the same DATA_DIR), and every bad configuration
 * stops it with exit code 1 and one line naming the problem, not a stack trace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { SERVER_NODE_FLAGS } from '../../server/startup/nodeFlags.ts';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sparring-startup-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const PASSWORD_LINE = /created user "admin" with password (\S+)/;

describe('a good start', () => {
  it('npm start runs node with the server\'s flags, the ones the tests and benchmarks use', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} --import tsx server/main.ts`);
  });

  it('answers /api/health, prints the admin password on the first start only, and stops cleanly on SIGTERM', async () => {
    const DATA_DIR = tempDataDir();

    const first = await spawnServer({ PORT: '0', DATA_DIR });
    expect(first.url, first.stderr()).not.toBeNull();
    expect(first.messages()).toMatch(/Sparring listening on http:\/\/localhost:\d+ \(storage: SQLite in .+sparring\.db\)/);
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(first.messages()).toMatch(PASSWORD_LINE);
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.messages()).toMatch(/^SIGTERM: stopping$/m);

    const second = await spawnServer({ PORT: '0', DATA_DIR });
    expect(second.url, second.stderr()).not.toBeNull();
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    expect(second.stdout()).not.toMatch(/password/i);
    expect(await second.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });
});

describe('startServer, in-process', () => {
  it('starts, answers, closes, and refuses a bad value with the same line the command prints', async () => {
    const lines: string[] = [];
    const server = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDataDir(), SPARRING_ADMIN_PASSWORD: 'in-process-admin' }, { log: (l) => lines.push(l) });
    try {
      expect((await fetch(`${server.url.replace('localhost', '127.0.0.1')}/api/health`)).status).toBe(200);
      expect(lines.at(-1)).toMatch(/^Sparring listening on /);
    } finally {
      await server.close();
    }
    await expect(startServer({ PORT: '0', SPARRING_REDIS_PREFIX: 'no spaces*' })).rejects.toThrow(/^configuration: SPARRING_REDIS_PREFIX="no spaces\*"/);
  });
});

/** Exit code 1, one line on stderr that names `names`, and no stack trace anywhere. */
async function expectOneLineFailure(server: ServerProcess, names: RegExp): Promise<void> {
  const exit = await server.exited;
  const stderr = server.stderr();
  expect(server.url, 'the server should not have started').toBeNull();
  expect(exit.code, stderr).toBe(1);
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  expect(stderr).toMatch(/^Sparring could not start: /);
  expect(stderr).toMatch(names);
  expect(`${server.stdout()}${stderr}`).not.toMatch(/^\s+at /m);
}

// Each case is its own process; they run side by side to keep the suite short.
describe.concurrent('a bad configuration stops the start with one line', () => {
  it('a PORT that is not a number', async () => {
    await expectOneLineFailure(await spawnServer({ PORT: 'eighty', DATA_DIR: tempDataDir() }), /PORT="eighty"/);
  });

  it('a PORT out of range', async () => {
    await expectOneLineFailure(await spawnServer({ PORT: '70000', DATA_DIR: tempDataDir() }), /PORT="70000"/);
  });

  it('a REDIS_URL that is not a redis URL', async () => {
    await expectOneLineFailure(await spawnServer({ PORT: '0', REDIS_URL: 'localhost:6379' }), /REDIS_URL="localhost:6379"/);
  });

  it('a malformed REDIS_URL', async () => {
    await expectOneLineFailure(await spawnServer({ PORT: '0', REDIS_URL: 'redis://[::1:6379' }), /REDIS_URL="redis:\/\/\[::1:6379".*not a valid URL/);
  });

  it('an unreachable Redis', async () => {
    await expectOneLineFailure(await spawnServer({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' }), /REDIS_URL=redis:\/\/127\.0\.0\.1:1: cannot connect to Redis \(.*ECONNREFUSED/);
  });

  it('a DATABASE_URL that is not a PostgreSQL URL, its password hidden', async () => {
    const server = await spawnServer({ PORT: '0', DATABASE_URL: 'mysql://sparring:hunter2@db/test' });
    await expectOneLineFailure(server, /DATABASE_URL="mysql:\/\/sparring:\*\*\*@db\/test": must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(server.stderr()).not.toContain('hunter2');
  });

  it('an unreachable PostgreSQL, its password hidden', async () => {
    const server = await spawnServer({ PORT: '0', DATABASE_URL: 'postgres://sparring:hunter2@127.0.0.1:1/test' });
    await expectOneLineFailure(server, /DATABASE_URL=postgres:\/\/sparring:\*\*\*@127\.0\.0\.1:1\/test: cannot open the store \(.*ECONNREFUSED/);
    expect(server.stderr()).not.toContain('hunter2');
  });

  it('a port already in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    try {
      await expectOneLineFailure(await spawnServer({ PORT: String(port), DATA_DIR: tempDataDir() }), new RegExp(`PORT=${port}: port ${port} is already in use`));
    } finally {
      taken.close();
    }
  });

  it('a DATA_DIR with the records of an earlier version, not yet migrated', async () => {
    const DATA_DIR = tempDataDir();
    writeFileSync(join(DATA_DIR, 'users.jsonl'), '{"id":"u1","username":"admin"}\n');
    await expectOneLineFailure(await spawnServer({ PORT: '0', DATA_DIR }), /holds the records of an earlier version \(users\.jsonl\).*npx sparring migrate --from-data-dir /);
  });

  it('a DATA_DIR that cannot be written', async () => {
    // A path under a regular file fails for root too, where permissions would not.
    const file = join(tempDataDir(), 'not-a-directory');
    writeFileSync(file, '');
    await expectOneLineFailure(await spawnServer({ PORT: '0', DATA_DIR: join(file, 'data') }), /DATA_DIR=.*not-a-directory\/data: cannot write there/);
  });
});
