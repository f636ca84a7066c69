/**
 * The one way this server connects to Redis, for the store and for socket.io's adapter. A
 * wrong URL or a Redis that is down fails at open within seconds, with the URL (its password
 * hidden) in the message; once open, the client reconnects for as long as it takes with a
 * capped backoff, and an outage is logged once rather than at every retry, because a Redis
 * restart should not take the trainer down.
 */
import { createClient } from 'redis';
import { redactRedisUrl } from './redisUrl.ts';

export type RedisConnection = ReturnType<typeof createClient>;

export interface RedisOptions {
  /** The database number, when not the URL's own. */
  database?: number;
  /** The connection's name, as `CLIENT LIST` shows it. */
  name?: string;
  /**
   * Fail a call made while the connection is down at once instead of queueing it: the store
   * wants this (a trainee should get "try again", not a spinner); the adapter does not.
   */
  failWhileDown?: boolean;
  /** Where an outage and its end are told; silent when absent (callers see rejected calls). */
  log?: (line: string) => void;
}

/** Attempts at open before giving up: a wrong URL should stop the server in a second, not hang it. */
const OPEN_ATTEMPTS = 3;
const CONNECT_TIMEOUT_MS = 3000;
/** Longest wait between reconnection attempts once open: the server recovers soon after Redis does. */
const MAX_RECONNECT_DELAY_MS = 2000;

export async function connectRedis(url: string, options: RedisOptions = {}): Promise<RedisConnection> {
  const where = redactRedisUrl(url);
  let opened = false;
  let down = false;
  let client: RedisConnection;
  try {
    client = createClient({
      url,
      ...(options.database !== undefined ? { database: options.database } : {}),
      ...(options.name ? { name: options.name } : {}),
      disableOfflineQueue: options.failWhileDown ?? false,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries, cause) => {
          if (!opened) return retries + 1 >= OPEN_ATTEMPTS ? cause : 200;
          return Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
        },
      },
    });
  } catch (err) {
    throw new Error(`Redis URL ${where} is not usable: ${messageOf(err)}`, { cause: err });
  }
  // node-redis reports every failed attempt as an 'error' event; unheard, one would crash the process.
  client.on('error', (err: unknown) => {
    if (!opened || down) return;
    down = true;
    options.log?.(`Redis connection lost (${messageOf(err)}); reconnecting`);
  });
  client.on('ready', () => {
    if (down) options.log?.('Redis connection back');
    down = false;
  });
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

export function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] || 'unknown error';
}
