/**
 * The PostgreSQL the two-process configuration keeps its records in (and the tests that run
 * on PostgreSQL): whether it answers, and a schema of a run's own, reached through a
 * DATABASE_URL whose search_path names it and dropped with everything in it afterwards, so
 * runs sharing one database never see each other's tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_DATABASE_URL = process.env.SPARRING_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function run(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Null when PostgreSQL answers; otherwise why not, as one line for the report. */
export async function postgresUnreachable(url: string = BENCH_DATABASE_URL): Promise<string | null> {
  try {
    await run(url, 'select 1');
    return null;
  } catch (err) {
    return `PostgreSQL at ${url} is not reachable (${(err as Error).message}); set SPARRING_BENCH_DATABASE_URL`;
  }
}

export interface OwnSchema {
  name: string;
  /** A DATABASE_URL whose connections use this schema. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty schema named after `tag` in the database at `baseUrl`. */
export async function createOwnSchema(tag: string, baseUrl: string = BENCH_DATABASE_URL): Promise<OwnSchema> {
  const name = `sparring_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await run(baseUrl, `create schema "${name}"`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: url.toString(), drop: () => run(baseUrl, `drop schema if exists "${name}" cascade`) };
}
