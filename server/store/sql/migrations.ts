/**
 * The records store's schema, as numbered migrations that run at every start (Kysely's
 * Migrator: each runs once per database, in order, under a lock, so several processes
 * starting together migrate once). A provider object rather than a folder of files, so the
 * same code runs under tsx and in the built server. A new migration is a new entry with the
 * next number; a released one never changes.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { columnTypes, type SqlDatabase, type SqlDialectName } from './sqlDatabase.ts';

function migrations(dialect: SqlDialectName): Record<string, Migration> {
  const type = columnTypes(dialect);
  return {
    '0001_records': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          // Null when the account never had the field (a user from before accounts could be
          // changed): it reads back without it, exactly as it was stored or copied in.
          .addColumn('token_version', 'integer')
          .addColumn('disabled', 'boolean')
          .addColumn('must_change_password', 'boolean')
          .execute();
        await db.schema.createIndex('users_by_creation').on('users').columns(['created_at', 'id']).execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('trainee_id', 'text', (c) => c.notNull())
          .addColumn('persona_id', 'text', (c) => c.notNull())
          .addColumn('persona_version', 'integer', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('scenario', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('seed', 'bigint', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text')
          .addColumn('outcome', 'text')
          .addColumn('overall', 'double precision')
          .addColumn('criteria', type.json)
          .addColumn('report', type.json)
          .addColumn('assignment_id', 'text')
          .addColumn('tryout', 'boolean')
          .execute();
        // The lists a coach and a trainee page through: everyone's by date, one trainee's by date.
        await db.schema.createIndex('sessions_by_start').on('sessions').columns(['started_at', 'id']).execute();
        await db.schema.createIndex('sessions_by_trainee').on('sessions').columns(['trainee_id', 'started_at']).execute();

        await db.schema
          .createTable('turns')
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('turn_index', 'integer', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('mood', type.json)
          .addColumn('state', type.json)
          .addColumn('score', type.json)
          .addColumn('fallback', 'boolean')
          // One turn per index: a repeated send cannot store a second one, on any process.
          .addPrimaryKeyConstraint('turns_pk', ['session_id', 'turn_index'])
          .execute();

        await db.schema
          .createTable('reviews')
          .addColumn('seq', type.serial, (c) => c.primaryKey())
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('entry', type.json, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reviews_by_session').on('reviews').columns(['session_id', 'seq']).execute();

        await db.schema
          .createTable('assignments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('entry', type.json, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('assignments_by_creation').on('assignments').columns(['created_at', 'id']).execute();
        await db.schema
          .createTable('assignment_trainees')
          .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
          .addColumn('trainee_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('assignment_trainees_pk', ['assignment_id', 'trainee_id'])
          .execute();
        await db.schema.createIndex('assignment_trainees_by_trainee').on('assignment_trainees').columns(['trainee_id']).execute();

        await db.schema
          .createTable('persona_versions')
          .addColumn('seq', type.serial, (c) => c.primaryKey())
          .addColumn('persona_id', 'text', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('saved_by', 'text', (c) => c.notNull())
          .addColumn('saved_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('persona_versions_number', ['persona_id', 'locale', 'version'])
          .execute();

        await db.schema
          .createTable('secrets')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_revoked_tokens': {
      async up(db: Kysely<unknown>) {
        // Tokens signed out before their expiry (logout), each kept until it expires anyway.
        await db.schema
          .createTable('revoked_tokens')
          .addColumn('jti', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('revoked_tokens_by_expiry').on('revoked_tokens').columns(['expires_at']).execute();
      },
    },
  };
}

/** Brings the database's schema up to the latest migration; throws naming the one that failed. */
export async function migrateToLatest(database: SqlDatabase): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(database.dialect) };
  const migrator = new Migrator({
    db: database.db,
    provider,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed} failed: ${reason}` : `migrations failed: ${reason}`, { cause: error });
  }
}
