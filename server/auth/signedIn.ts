/**
 * Who a token belongs to, asked on every HTTP request and every socket event: a token that
 * verifies (signature, expiry), of a user who still exists and is active, issued under the
 * user's current token version, and not signed out by logout. The role and the name come
 * from the store, not from the token, so a changed role counts at once.
 */
import type { SessionStore } from '../store/sessionStore.ts';
import type { TokenClaims, Tokens, VerifiedToken } from './tokens.ts';

export interface Identity {
  caller: TokenClaims;
  /** The token's own id and expiry (ms since the epoch): what logout revokes. */
  token: { jti: string; expiresAt: number };
  /** The account must change its password before anything else. */
  mustChangePassword: boolean;
}

type IdentifyContext = { tokens: Tokens; store: Pick<SessionStore, 'getUser' | 'isTokenRevoked'> };

export async function identify(ctx: IdentifyContext, token: string): Promise<Identity | null> {
  const claims = await ctx.tokens.verify(token);
  return claims ? identifyVerified(ctx, claims) : null;
}

/**
 * The same for a token already verified (a socket's, at its handshake): its signature cannot
 * have changed since, so only its expiry and what the store says are checked again.
 */
export async function identifyVerified(ctx: IdentifyContext, claims: VerifiedToken): Promise<Identity | null> {
  if (ctx.tokens.now() >= claims.expiresAt) return null;
  const [user, revoked] = await Promise.all([ctx.store.getUser(claims.userId), ctx.store.isTokenRevoked(claims.jti)]);
  if (!user || revoked || user.disabled === true || (user.tokenVersion ?? 0) !== claims.version) return null;
  return {
    caller: { userId: user.id, username: user.username, role: user.role },
    token: { jti: claims.jti, expiresAt: claims.expiresAt },
    mustChangePassword: user.mustChangePassword === true,
  };
}
