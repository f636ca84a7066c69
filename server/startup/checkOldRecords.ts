/**
 * Stops a first start over the files of an earlier version: when DATA_DIR still holds the
 * file store's users (users.jsonl) and the SQL store has no user yet, starting would create a
 * new, empty set of records beside the old ones (and a new admin whose name would then keep
 * the old admin from being copied). The line says what to run instead.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionStore } from '../store/sessionStore.ts';
import { StartupError } from './startupError.ts';

const OLD_USERS_FILE = 'users.jsonl';

export async function checkOldRecords(dataDir: string, store: SessionStore): Promise<void> {
  const size = (() => {
    try {
      return statSync(join(dataDir, OLD_USERS_FILE)).size;
    } catch {
      return 0;
    }
  })();
  if (size === 0 || (await store.countUsers()) > 0) return;
  throw new StartupError(
    `DATA_DIR=${dataDir}: holds the records of an earlier version (${OLD_USERS_FILE}) and the database has none yet; stop here and run \`npx sparring migrate --from-data-dir ${dataDir}\` first (README, "Storage")`,
  );
}
