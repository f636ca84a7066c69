/**
 * Where the two SQL databases differ, and nowhere else: how each is opened (SQLite in a file
 * under DATA_DIR, PostgreSQL from DATABASE_URL), the column types that have no common name,
 * and how a transaction takes a lock that other processes respect. Everything above this
 * file writes one Kysely query for both.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type ColumnDataType, type Transaction } from 'kysely';
import { DIR_MODE } from '../file/fileModes.ts';
import { redactDatabaseUrl } from './databaseUrl.ts';
import { SQLITE_FILE } from './sqliteFile.ts';
import type { Tables } from './tables.ts';

export type SqlDialectName = 'sqlite' | 'postgres';

export interface SqlDatabase {
  db: Kysely<Tables>;
  dialect: SqlDialectName;
  /** For messages: the file, or the URL without its password. */
  where: string;
  /** PostgreSQL: the schema the tables live in (the first of the connection's search_path). */
  schema?: string;
}

/**
 * SQLite in `dataDir`: WAL with full sync, so a committed transaction (an acknowledged turn)
 * survives a crash of the process or of the machine; a busy timeout for a second process
 * that reads the file (the migrate command); foreign keys checked; the file readable by its
 * owner only, since it holds password hashes.
 */
export function openSqlite(dataDir: string): SqlDatabase {
  // Folders it makes on the way are its account's alone, as the file store's are.
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  const path = join(dataDir, SQLITE_FILE);
  // Created with mode 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', where: path };
}

/**
 * PostgreSQL at `url`. The tables go in the connection's current schema (`public`, or the
 * first of a search_path given in the URL: `?options=-c%20search_path%3Dtraining`), which
 * must exist. Answers once a first query has gone through, so a wrong URL fails at start.
 */
export async function openPostgres(url: string): Promise<SqlDatabase> {
  const where = redactDatabaseUrl(url);
  // Loaded only here: a server on SQLite never loads the PostgreSQL driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle connection that breaks (a database restart) is replaced at the next query; the
  // error must not bring the process down.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no schema of the search_path exists');
    return { db, dialect: 'postgres', where, schema };
  } catch (err) {
    await db.destroy();
    throw new Error(`PostgreSQL at ${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** The column types without a common name. */
export function columnTypes(dialect: SqlDialectName): { json: ColumnDataType; serial: ColumnDataType } {
  return dialect === 'postgres' ? { json: 'jsonb', serial: 'bigserial' } : { json: 'text', serial: 'integer' };
}

/**
 * Holds `key` until the transaction ends, against every other process on the database:
 * checks and the writes that depend on them (the next turn index, the latest persona
 * version) then cannot interleave. SQLite needs none: its one writer at a time is the lock,
 * and this process sends one transaction at a time on its one connection.
 */
export async function lockKey(trx: Transaction<Tables>, dialect: SqlDialectName, key: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** A JSON column's value as the driver gives it: text from SQLite, already parsed from PostgreSQL's JSONB. */
export function readJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
