/**
 * The Redis the load suite's two-process configuration runs on: whether it answers, and
 * deleting every key a run wrote (all under the run's own prefix) afterwards.
 */
import { createClient } from 'redis';

export const BENCH_REDIS_URL = process.env.SPARRING_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';

/** Null when Redis answers; otherwise why not, as one line for the report. */
export async function redisUnreachable(url: string = BENCH_REDIS_URL): Promise<string | null> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `Redis at ${url} is not reachable (${(err as Error).message}); set SPARRING_BENCH_REDIS_URL`;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Deletes every key under `prefix`; the tests that run on Redis clean up with it too. */
export async function deleteKeysUnder(prefix: string, url: string = BENCH_REDIS_URL, database?: number): Promise<void> {
  const client = createClient({ url, ...(database !== undefined ? { database } : {}) });
  client.on('error', () => {});
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await client.unlink(keys);
  await client.close();
}
