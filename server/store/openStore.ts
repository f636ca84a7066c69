/**
 * Picks the store at start (server/main.ts, the load benchmark): Redis when REDIS_URL is
 * set, so several server processes share users and sessions; otherwise the embedded file
 * store under DATA_DIR, which needs nothing else but serves one process only.
 */
import { openFileSessionStore } from './fileSessionStore.ts';
import { openRedisSessionStore } from './redisSessionStore.ts';
import type { SessionStore } from './sessionStore.ts';

export function openStore(config: { dataDir: string; redisUrl?: string; redisKeyPrefix?: string }): Promise<SessionStore> {
  if (config.redisUrl) {
    return openRedisSessionStore(config.redisUrl, config.redisKeyPrefix ? { keyPrefix: config.redisKeyPrefix } : {});
  }
  return openFileSessionStore(config.dataDir);
}
