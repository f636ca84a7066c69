/**
 * The Redis connection socket.io's adapter uses to reach the other server processes. At
 * start it gets a few quick tries and then gives up with a StartupError naming REDIS_URL
 * (an unreachable Redis is bad configuration); once up, it reconnects for as long as it
 * takes, logging an outage once rather than at every retry, because a Redis restart should
 * not take the trainer down.
 */
import { createClient } from 'redis';
import { redactRedisUrl } from './redisUrl.ts';
import { StartupError, shortReason } from './startupError.ts';

export type RedisConnection = ReturnType<typeof newClient>;

const START_TRIES = 3;
const CONNECT_TIMEOUT_MS = 2000;

export async function connectRedis(url: string, log: (line: string) => void): Promise<RedisConnection> {
  let started = false;
  let down = false;
  let lastCause: unknown;
  const client = newClient(url, (retries, cause) => {
    lastCause = cause;
    if (!started) return retries + 1 < START_TRIES ? 200 : false;
    return Math.min(100 * 2 ** retries, 2000);
  });
  // node-redis reports every failed attempt as an 'error' event; unheard, one would crash the process.
  client.on('error', (err: unknown) => {
    lastCause = err;
    if (started && !down) {
      down = true;
      log(`Redis connection lost (${shortReason(err)}); reconnecting`);
    }
  });
  client.on('ready', () => {
    if (down) log('Redis connection back');
    down = false;
  });
  try {
    await client.connect();
  } catch (err) {
    client.destroy();
    throw new StartupError(`REDIS_URL=${redactRedisUrl(url)}: cannot connect to Redis (${shortReason(lastCause ?? err)})`);
  }
  started = true;
  return client;
}

function newClient(url: string, reconnectStrategy: (retries: number, cause: Error) => number | false) {
  return createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy } });
}
