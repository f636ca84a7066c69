/**
 * Who a token belongs to, asked on every HTTP request and every socket event: a token that
 * verifies (signature, expiry), of a user who still exists and is active, issued under the
 * user's current token version, and not signed out by logout. The role and the name come
 * from the store, not from the token, so a changed role counts at once.
 */
import type { SessionStore } from '../store/sessionStore.ts';
import type { TokenClaims, Tokens } from './tokens.ts';

export interface Identity {
  caller: TokenClaims;
  /** The token's own id and expiry (ms since the epoch): what logout revokes. */
  token: { jti: string; expiresAt: number };
  /** The account must change its password before anything else. */
  mustChangePassword: boolean;
}

export async function identify(ctx: { tokens: Tokens; store: Pick<SessionStore, 'getUser' | 'isTokenRevoked'> }, token: string): Promise<Identity | null> {
  const claims = await ctx.tokens.verify(token);
  if (!claims) return null;
  const [user, revoked] = await Promise.all([ctx.store.getUser(claims.userId), ctx.store.isTokenRevoked(claims.jti)]);
  if (!user || revoked || user.disabled === true || (user.tokenVersion ?? 0) !== claims.version) return null;
  return {
    caller: { userId: user.id, username: user.username, role: user.role },
    token: { jti: claims.jti, expiresAt: claims.expiresAt },
    mustChangePassword: user.mustChangePassword === true,
  };
}
