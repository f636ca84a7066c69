/**
 * The user part of the SQL store: accounts by id and by username. Kept in its own file so
 * account management (role changes, deactivation, token versions) grows here; the table
 * already has the columns for it (migrations.ts).
 */
import type { Kysely, Selectable } from 'kysely';
import { User } from '../../domain/records.ts';
import type { SessionStore } from '../sessionStore.ts';
import type { Tables, UsersTable } from './tables.ts';

type UserMethods = Pick<SessionStore, 'createUser' | 'getUser' | 'findUserByUsername' | 'countUsers' | 'listUsers'>;

const USER_COLUMNS = ['id', 'username', 'role', 'password_hash', 'created_at'] as const;

function userFromRow(row: Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>): User {
  return User.parse({ id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at });
}

/** `db()` gives the open database, or throws once the store is closed. */
export function sqlUserMethods(db: () => Kysely<Tables>): UserMethods {
  return {
    async createUser(input) {
      const user = User.parse(input);
      // A taken id or username inserts nothing, on any process: the unique keys decide.
      const result = await db()
        .insertInto('users')
        .values({ id: user.id, username: user.username, role: user.role, password_hash: user.passwordHash, created_at: user.createdAt })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async getUser(id) {
      const row = await db().selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? userFromRow(row) : null;
    },
    async findUserByUsername(username) {
      const row = await db().selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
      return row ? userFromRow(row) : null;
    },
    async countUsers() {
      const row = await db().selectFrom('users').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async listUsers() {
      const rows = await db().selectFrom('users').select(USER_COLUMNS).orderBy('created_at').orderBy('id').execute();
      return rows.map(userFromRow);
    },
  };
}
