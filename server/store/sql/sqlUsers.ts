/**
 * The user part of the SQL store: accounts by id and by username, and their changes (role,
 * deactivation, password, token version). The optional account fields are null in a row
 * whose user never had them, so every user reads back exactly as it was written.
 */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { User, UserChange } from '../../domain/records.ts';
import type { SessionStore } from '../sessionStore.ts';
import type { Tables, UsersTable } from './tables.ts';

type UserMethods = Pick<SessionStore, 'createUser' | 'getUser' | 'findUserByUsername' | 'countUsers' | 'listUsers' | 'updateUser'>;

const USER_COLUMNS = ['id', 'username', 'role', 'password_hash', 'created_at', 'token_version', 'disabled', 'must_change_password'] as const;

function userFromRow(row: Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>): User {
  return User.parse({
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    ...(row.token_version === null ? {} : { tokenVersion: Number(row.token_version) }),
    ...(row.disabled === null ? {} : { disabled: Boolean(row.disabled) }),
    ...(row.must_change_password === null ? {} : { mustChangePassword: Boolean(row.must_change_password) }),
  });
}

/** A flag as both databases take it (tables.ts); undefined stays unset. */
function flag(value: boolean | undefined): number | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

function userRow(user: User): Insertable<UsersTable> {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    password_hash: user.passwordHash,
    created_at: user.createdAt,
    token_version: user.tokenVersion ?? null,
    disabled: flag(user.disabled) ?? null,
    must_change_password: flag(user.mustChangePassword) ?? null,
  };
}

function changeRow(change: UserChange): Updateable<UsersTable> {
  const row: Updateable<UsersTable> = {};
  if (change.role !== undefined) row.role = change.role;
  if (change.passwordHash !== undefined) row.password_hash = change.passwordHash;
  if (change.disabled !== undefined) row.disabled = flag(change.disabled)!;
  if (change.mustChangePassword !== undefined) row.must_change_password = flag(change.mustChangePassword)!;
  return row;
}

/** `db()` gives the open database, or throws once the store is closed. */
export function sqlUserMethods(db: () => Kysely<Tables>): UserMethods {
  async function getUser(id: string): Promise<User | null> {
    const row = await db().selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? userFromRow(row) : null;
  }

  return {
    async createUser(input) {
      const user = User.parse(input);
      // A taken id or username inserts nothing, on any process: the unique keys decide.
      const result = await db().insertInto('users').values(userRow(user)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    getUser,
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
    async updateUser(id, input, options) {
      // Checked before it is written, as createUser checks the whole user.
      const change = changeRow(UserChange.parse(input));
      const revoke = options?.revokeTokens === true;
      if (Object.keys(change).length === 0 && !revoke) return getUser(id);
      // The version is raised by the database in the same statement: two changes at once each
      // raise it, on any process, and none is lost.
      const row = await db()
        .updateTable('users')
        .set({ ...change, ...(revoke ? { token_version: sql<number>`coalesce(token_version, 0) + 1` } : {}) })
        .where('id', '=', id)
        .returning(USER_COLUMNS)
        .executeTakeFirst();
      return row ? userFromRow(row) : null;
    },
  };
}
