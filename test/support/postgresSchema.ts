/**
 * The PostgreSQL the tests run on (127.0.0.1:5432, database `test`, or
 * SPARRING_TEST_DATABASE_URL), each test in a schema of its own (bench/load/benchPostgres.ts):
 * tests running at once never see each other's tables.
 */
import { createOwnSchema, type OwnSchema } from '../../bench/load/benchPostgres.ts';

export const POSTGRES_URL = process.env.SPARRING_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export type TestSchema = OwnSchema;

export function createTestSchema(tag: string): Promise<TestSchema> {
  return createOwnSchema(tag, POSTGRES_URL);
}
