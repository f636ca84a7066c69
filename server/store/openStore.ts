/**
 * Picks the records store at start (server/main.ts, the load benchmark): PostgreSQL when
 * DATABASE_URL is set, so several server processes share users and sessions; otherwise
 * SQLite in DATA_DIR, which needs nothing else. REDIS_URL is not a records store any more
 * (it carries socket.io's events and shared limits); the file and Redis stores stay only for
 * `sparring migrate` to read records from.
 */
import { openPostgresSessionStore, openSqliteSessionStore } from './sqlSessionStore.ts';
import type { SessionStore } from './sessionStore.ts';

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export function openStore(where: StoreLocation): Promise<SessionStore> {
  return where.databaseUrl ? openPostgresSessionStore(where.databaseUrl) : openSqliteSessionStore(where.dataDir);
}
