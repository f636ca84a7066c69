/**
 * The servers a load run talks to, started as child processes and always cleaned up:
 *
 *   echo   a bare socket.io server answering at once (echoServer.ts): the floor
 *   one    Sparring, one process, file store in a temporary DATA_DIR
 *   two    Sparring, two processes on Redis (BENCH_REDIS_URL, a key prefix of the run's own)
 *
 * Each comes with one token per client (trainee accounts seeded straight into the store).
 * Shared by the load suite (load.ts) and the soak (soak.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_REDIS_URL, deleteKeysUnder } from './benchRedis.ts';
import { startChildServer, type ChildServer } from './childServer.ts';
import { seedTrainees } from './trainees.ts';

export type DeploymentName = 'echo' | 'one' | 'two';

const sparringEnv = { PORT: '0', HOST: '127.0.0.1', REDIS_URL: '', SPARRING_ADMIN_PASSWORD: 'load-benchmark-admin' };

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
      cleanup = () => deleteKeysUnder(prefix);
      tokens = await seedTrainees({ dataDir: '', redisUrl: BENCH_REDIS_URL, redisKeyPrefix: prefix }, clients, 'two');
      progress(`  ${tokens.length} trainees seeded in Redis under ${prefix}`);
      const env = { ...sparringEnv, REDIS_URL: BENCH_REDIS_URL, SPARRING_REDIS_PREFIX: prefix };
      for (const label of ['sparring A', 'sparring B']) servers.push(await startChildServer(label, 'server/main.ts', env));
    }
    return await use(servers, tokens);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}
