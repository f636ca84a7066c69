/**
 * Signed, expiring session tokens (JWT, HS256, with jose). The signing key is a secret kept
 * in the store, created once, so every server process accepts every other's tokens. The
 * clock is the system's unless one is passed in (a test moves its own to see a token expire).
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { SessionStore } from '../store/sessionStore.ts';
import { Role } from '../domain/records.ts';

export interface TokenClaims {
  userId: string;
  username: string;
  role: Role;
}

export interface Tokens {
  issue(claims: TokenClaims): Promise<string>;
  /** The claims of a valid, unexpired token; null for anything else (forged, expired, garbled). */
  verify(token: string): Promise<TokenClaims | null>;
}

export interface TokenOptions {
  /** The time in milliseconds since the epoch, by which tokens are dated and expire: the system clock by default. */
  now?: () => number;
}

export async function createTokens(store: SessionStore, hours: number, { now = Date.now }: TokenOptions = {}): Promise<Tokens> {
  const key = Buffer.from(await store.secret('token-key', () => randomBytes(32).toString('base64')), 'base64');
  return {
    issue: (claims) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ username: claims.username, role: claims.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + Math.round(hours * 3600))
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) });
        const role = Role.safeParse(payload.role);
        if (!payload.sub || typeof payload.username !== 'string' || !role.success) return null;
        return { userId: payload.sub, username: payload.username, role: role.data };
      } catch {
        return null;
      }
    },
  };
}
