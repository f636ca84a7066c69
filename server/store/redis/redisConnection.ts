/**
 * Connecting the Redis store (redisSessionStore.ts) to Redis: a wrong URL or a Redis that is
 * down fails at open within seconds, with the URL (its password hidden) in the message; once
 * open, calls made while the connection is down fail at once instead of queueing, and the
 * client reconnects with a capped backoff.
 */
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Attempts at open before giving up: a wrong URL should stop the server in a second, not hang it. */
const OPEN_ATTEMPTS = 3;
/** Longest wait between reconnection attempts once open: the server recovers soon after Redis does. */
const MAX_RECONNECT_DELAY_MS = 3000;

export async function connectRedis(url: string, database: number | undefined): Promise<RedisClient> {
  const where = redactRedisUrl(url);
  let opened = false;
  let client: RedisClient;
  try {
    client = createClient({
      url,
      ...(database !== undefined ? { database } : {}),
      name: 'sparring-store',
      // A call made while the connection is down fails now, rather than waiting for a
      // reconnection that may take long while a trainee watches a spinner.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        reconnectStrategy: (retries, cause) => {
          if (!opened) return retries + 1 >= OPEN_ATTEMPTS ? cause : 200;
          return Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
        },
      },
    });
  } catch (err) {
    throw new Error(`Redis URL ${where} is not usable: ${messageOf(err)}`, { cause: err });
  }
  // Without a listener an 'error' event would crash the process; the failures that matter
  // reach the callers as rejected calls.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.destroy();
    throw new Error(`cannot connect to Redis at ${where}: ${messageOf(err)}`, { cause: err });
  }
  opened = true;
  return client;
}

/** The URL as it may be printed: the password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
