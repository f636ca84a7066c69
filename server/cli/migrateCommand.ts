/**
 * `sparring migrate`: copies the records an older version kept (the files in a DATA_DIR, or
 * Redis) into the SQL store this server is configured for (DATABASE_URL, else SQLite in
 * DATA_DIR), verifies that every record arrived, and prints a summary. Safe to run twice
 * (store/copyRecords.ts). Run it with the server stopped.
 */
import { join } from 'node:path';
import { readConfig } from '../config.ts';
import { redactRedisUrl } from '../redis/redisUrl.ts';
import { RECORD_KINDS, type CopySummary } from '../store/copyRecords.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { redactDatabaseUrl } from '../store/sql/databaseUrl.ts';
import { SQLITE_FILE } from '../store/sql/sqliteFile.ts';
import { readCommandLine } from './commandLine.ts';
import type { Command } from './command.ts';

const USAGE = `usage: sparring migrate --from-data-dir DIR
       sparring migrate --from-redis URL [--redis-prefix PREFIX]

Copies users, sessions with their turns, reviews, assignments and persona versions into the
SQL store the server is configured for: PostgreSQL when DATABASE_URL is set, else SQLite in
DATA_DIR. Records already there are skipped, so it is safe to run twice. Stop the server first.
Everyone signs in again afterwards.

  --from-data-dir DIR    the DATA_DIR of a version that kept its records in files
  --from-redis URL       the Redis of a version that kept its records there
  --redis-prefix PREFIX  what its keys start with (default: SPARRING_REDIS_PREFIX, or sparring:)
`;

const LABELS: Record<(typeof RECORD_KINDS)[number], string> = {
  users: 'users',
  sessions: 'sessions',
  turns: 'turns',
  reviews: 'reviews',
  assignments: 'assignments',
  personaVersions: 'persona versions',
};

export function summaryLines(summary: CopySummary): string[] {
  const width = Math.max(...Object.values(LABELS).map((l) => l.length));
  const lines = RECORD_KINDS.map((kind) => {
    const c = summary.counts[kind];
    return `  ${LABELS[kind].padEnd(width)}  ${String(c.found).padStart(6)} found, ${String(c.copied).padStart(6)} copied, ${String(c.skipped).padStart(6)} already there`;
  });
  if (summary.missing.length === 0) return [...lines, 'verified: every record of the source is in the target'];
  return [...lines, `NOT verified: ${summary.missing.length} record(s) of the source are not in the target:`, ...summary.missing.slice(0, 50).map((m) => `  ${m}`)];
}

async function run(args: string[]): Promise<number> {
  const read = readCommandLine(args, {
    help: { type: 'boolean', short: 'h' },
    'from-data-dir': { type: 'string' },
    'from-redis': { type: 'string' },
    'redis-prefix': { type: 'string' },
  });
  if (read.ok && read.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const fromDir = read.ok ? read.values['from-data-dir'] : undefined;
  const fromRedis = read.ok ? read.values['from-redis'] : undefined;
  const problem = !read.ok
    ? read.error
    : read.positionals.length > 0
      ? `takes no arguments (got "${read.positionals[0]}")`
      : (fromDir === undefined) === (fromRedis === undefined)
        ? 'give one of --from-data-dir or --from-redis'
        : fromRedis !== undefined && !/^rediss?:\/\/./.test(fromRedis)
          ? `--from-redis: must be a redis:// or rediss:// URL`
          : null;
  const config = readConfig(process.env);
  const fail = problem ?? (config.ok ? null : config.message);
  if (fail) {
    process.stderr.write(`sparring migrate: ${fail}\n${USAGE}`);
    return 2;
  }
  if (!config.ok) return 2;
  const target = config.config;
  const targetName = target.databaseUrl ? `PostgreSQL ${redactDatabaseUrl(target.databaseUrl)}` : `SQLite ${join(target.dataDir, SQLITE_FILE)}`;
  const prefix = read.ok ? (read.values['redis-prefix'] ?? target.redisKeyPrefix) : target.redisKeyPrefix;
  const sourceName = fromDir !== undefined ? `files in ${fromDir}` : `Redis ${redactRedisUrl(fromRedis!)} (keys ${prefix}*)`;

  // Loaded only now: the other commands never pay for the database drivers.
  const [{ copyRecords }, { openFileSessionStore }, { openRedisSessionStore }, { openStore }] = await Promise.all([
    import('../store/copyRecords.ts'),
    import('../store/fileSessionStore.ts'),
    import('../store/redisSessionStore.ts'),
    import('../store/openStore.ts'),
  ]);
  let from: SessionStore | undefined;
  let to: SessionStore | undefined;
  try {
    from = fromDir !== undefined ? await openFileSessionStore(fromDir) : await openRedisSessionStore(fromRedis!, { keyPrefix: prefix });
    for (const p of from.problems) process.stderr.write(`source: ${p}\n`);
    to = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl });
    process.stdout.write(`migrate: from ${sourceName} to ${targetName}\n`);
    const summary = await copyRecords(from, to);
    process.stdout.write(`${summaryLines(summary).join('\n')}\n`);
    return summary.missing.length === 0 ? 0 : 1;
  } catch (err) {
    process.stderr.write(`sparring migrate: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await from?.close();
    await to?.close();
  }
}

export const migrateCommand: Command = {
  name: 'migrate',
  args: '--from-data-dir DIR | --from-redis URL',
  summary: 'copy the records of an older version (files or Redis) into SQL',
  run,
};
