/**
 * Signed-out tokens in the SQL store (revoked_tokens, migration 0002): a token id with the
 * time its token expires anyway. A row past that time means nothing, so a check ignores it
 * and deletes it, and the store deletes all such rows when it opens.
 */
import type { Kysely } from 'kysely';
import { RevokedToken } from '../../domain/records.ts';
import type { SessionStore } from '../sessionStore.ts';
import type { Tables } from './tables.ts';

type RevokedTokenMethods = Pick<SessionStore, 'revokeToken' | 'isTokenRevoked'>;

/** Deletes the rows of tokens that have expired since they were signed out. */
export async function deleteExpiredTokens(db: Kysely<Tables>, now = Date.now()): Promise<void> {
  await db.deleteFrom('revoked_tokens').where('expires_at', '<=', now).execute();
}

/** `db()` gives the open database, or throws once the store is closed. */
export function sqlRevokedTokenMethods(db: () => Kysely<Tables>): RevokedTokenMethods {
  return {
    async revokeToken(jti, expiresAt) {
      const token = RevokedToken.parse({ jti, expiresAt });
      // Signing the same token out twice (two tabs logging out) keeps the first row.
      await db()
        .insertInto('revoked_tokens')
        .values({ jti: token.jti, expires_at: token.expiresAt })
        .onConflict((oc) => oc.column('jti').doNothing())
        .execute();
    },
    async isTokenRevoked(jti) {
      const row = await db().selectFrom('revoked_tokens').select('expires_at').where('jti', '=', jti).executeTakeFirst();
      if (!row) return false;
      if (Number(row.expires_at) > Date.now()) return true;
      await db().deleteFrom('revoked_tokens').where('jti', '=', jti).execute();
      return false;
    },
  };
}
