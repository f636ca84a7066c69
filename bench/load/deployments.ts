/**
 * The servers a load run talks to, started as child processes and always cleaned up:
 *
 *   echo   a bare socket.io server answering at once (echoServer.ts): the floor
 *   one    Sparring, one process, SQLite in a temporary DATA_DIR
 *   two    Sparring, two processes: records in PostgreSQL (BENCH_DATABASE_URL, a schema of the
 *          run's own), socket.io's events through Redis (BENCH_REDIS_URL, a key prefix of its own)
 *
 * Each comes with one token per client (trainee accounts seeded straight into the store).
 * Shared by the load suite (load.ts) and the soak (soak.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOwnSchema, postgresUnreachable } from './benchPostgres.ts';
import { BENCH_REDIS_URL, deleteKeysUnder, redisUnreachable } from './benchRedis.ts';
import { startChildServer, type ChildServer } from './childServer.ts';
import { seedTrainees } from './trainees.ts';

export type DeploymentName = 'echo' | 'one' | 'two';

const sparringEnv = { PORT: '0', HOST: '127.0.0.1', REDIS_URL: '', DATABASE_URL: '', SPARRING_ADMIN_PASSWORD: 'load-benchmark-admin' };

/** Null when the two-process deployment can run (Redis and PostgreSQL answer); otherwise why not. */
export async function twoProcessesUnreachable(): Promise<string | null> {
  return (await redisUnreachable()) ?? (await postgresUnreachable());
}

/**
 * Starts the deployment (pushing each server into a list as it comes up, so a failure
 * midway still stops those started), seeds `clients` trainees, hands the servers and tokens
 * to `use`, then stops every server and deletes the run's data, even when a step fails.
 */
export async function withDeployment<T>(
  name: DeploymentName,
  clients: number,
  progress: (line: string) => void,
  use: (servers: ChildServer[], tokens: string[]) => Promise<T>,
): Promise<T> {
  const servers: ChildServer[] = [];
  let cleanup: () => Promise<void> | void = () => {};
  try {
    let tokens: string[];
    if (name === 'echo') {
      servers.push(await startChildServer('echo server', 'bench/load/echoServer.ts', { PORT: '0' }));
      tokens = Array<string>(clients).fill('echo');
    } else if (name === 'one') {
      const dataDir = mkdtempSync(join(tmpdir(), 'sparring-load-'));
      cleanup = () => rmSync(dataDir, { recursive: true, force: true });
      tokens = await seedTrainees({ dataDir }, clients, 'one');
      progress(`  ${tokens.length} trainees seeded in ${dataDir}`);
      servers.push(await startChildServer('sparring', 'server/main.ts', { ...sparringEnv, DATA_DIR: dataDir }));
    } else {
      const prefix = `sparring-bench-${randomUUID().slice(0, 8)}:`;
      const schema = await createOwnSchema('bench');
      cleanup = async () => {
        await deleteKeysUnder(prefix);
        await schema.drop();
      };
      tokens = await seedTrainees({ dataDir: '', databaseUrl: schema.url }, clients, 'two');
      progress(`  ${tokens.length} trainees seeded in PostgreSQL schema ${schema.name}`);
      const env = { ...sparringEnv, DATABASE_URL: schema.url, REDIS_URL: BENCH_REDIS_URL, SPARRING_REDIS_PREFIX: prefix };
      for (const label of ['sparring A', 'sparring B']) servers.push(await startChildServer(label, 'server/main.ts', env));
    }
    return await use(servers, tokens);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}
