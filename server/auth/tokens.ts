/**
 * Signed, expiring session tokens (JWT, HS256, with jose). The signing key is a secret kept
 * in the store, created once, so every server process accepts every other's tokens. The
 * clock is the system's unless one is passed in (a test moves its own to see a token expire).
 *
 * Each token carries its own id (`jti`, so logout can sign out that one token) and the
 * user's token version when it was issued (`ver`, so raising the version in the store
 * signs out every older token of that user). Whether either has been revoked is the
 * store's to say (server/auth/signedIn.ts); this module only checks signature and expiry.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { SessionStore } from '../store/sessionStore.ts';
import { Role } from '../domain/records.ts';

export interface TokenClaims {
  userId: string;
  username: string;
  role: Role;
}

/** What a verified token says besides who it is for. */
export interface VerifiedToken extends TokenClaims {
  jti: string;
  /** The user's token version when it was issued (0 for tokens from before versions existed). */
  version: number;
  /** When it expires, in ms since the epoch. */
  expiresAt: number;
}

export interface Tokens {
  /** A new token; `version` is the user's current token version (0 when absent). */
  issue(claims: TokenClaims & { version?: number | undefined }): Promise<string>;
  /** The claims of a valid, unexpired token; null for anything else (forged, expired, garbled). */
  verify(token: string): Promise<VerifiedToken | null>;
  /** The clock tokens are dated and checked by (ms since the epoch). */
  now(): number;
}

export interface TokenOptions {
  /** The time in milliseconds since the epoch, by which tokens are dated and expire: the system clock by default. */
  now?: () => number;
}

export async function createTokens(store: SessionStore, hours: number, { now = Date.now }: TokenOptions = {}): Promise<Tokens> {
  const key = Buffer.from(await store.secret('token-key', () => randomBytes(32).toString('base64')), 'base64');
  return {
    now,
    issue: (claims) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ username: claims.username, role: claims.role, ver: claims.version ?? 0 })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + Math.round(hours * 3600))
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) });
        const role = Role.safeParse(payload.role);
        if (!payload.sub || typeof payload.username !== 'string' || !role.success || !payload.jti || typeof payload.exp !== 'number') return null;
        const version = typeof payload.ver === 'number' && Number.isInteger(payload.ver) ? payload.ver : 0;
        return { userId: payload.sub, username: payload.username, role: role.data, jti: payload.jti, version, expiresAt: payload.exp * 1000 };
      } catch {
        return null;
      }
    },
  };
}
