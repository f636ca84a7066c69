/**
 * REDIS_URL as the server checks it at start: readConfig only checks the scheme, so the
 * whole URL is parsed here (a malformed one is refused before any connection attempt), and
 * a password in it is never printed.
 */
import { redactRedisUrl } from '../redis/redisUrl.ts';
import { StartupError } from './startupError.ts';

export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartupError(`configuration: REDIS_URL=${JSON.stringify(redactRedisUrl(url))}: not a valid URL (redis://[user:password@]host[:port][/db])`);
  }
  if (!parsed.hostname) throw new StartupError(`configuration: REDIS_URL=${JSON.stringify(redactRedisUrl(url))}: names no host`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new StartupError(`configuration: REDIS_URL=${JSON.stringify(redactRedisUrl(url))}: the database after "/" must be a number, got "${db}"`);
  return parsed;
}
