/**
 * A PostgreSQL schema of a test's own in the shared test database (127.0.0.1:5432, database
 * `test`, or SPARRING_TEST_DATABASE_URL): created empty, reached through a DATABASE_URL whose
 * search_path names it, and dropped with everything in it afterwards. Tests running at once
 * never see each other's tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.SPARRING_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  name: string;
  /** A DATABASE_URL whose connections use this schema. */
  url: string;
  drop(): Promise<void>;
}

async function run(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestSchema(tag: string): Promise<TestSchema> {
  const name = `sparring_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await run(`create schema "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: url.toString(), drop: () => run(`drop schema if exists "${name}" cascade`) };
}
