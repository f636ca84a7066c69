/**
 * Bearer-token middleware for every route but health and login. A missing, garbled,
 * forged or expired token is 401; so is the token of a user who no longer exists. The
 * role is read back from the store, not trusted from the token, so a changed role counts
 * at once rather than when the token expires.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { TokenClaims } from '../auth/tokens.ts';
import type { ServerContext } from '../serverContext.ts';
import { sendError } from './errors.ts';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return BEARER.exec(header?.trim() ?? '')?.[1] ?? null;
}

/** Identifies the caller from a token: claims of a valid token whose user still exists. */
export async function identify(ctx: Pick<ServerContext, 'tokens' | 'store'>, token: string): Promise<TokenClaims | null> {
  const claims = await ctx.tokens.verify(token);
  if (!claims) return null;
  const user = await ctx.store.getUser(claims.userId);
  if (!user) return null;
  return { userId: user.id, username: user.username, role: user.role };
}

export function authenticate(ctx: Pick<ServerContext, 'tokens' | 'store'>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) return sendError(res, 'unauthorized', 'sign in first: send Authorization: Bearer <token>');
    const caller = await identify(ctx, token);
    if (!caller) return sendError(res, 'unauthorized', 'the token is invalid or has expired: sign in again');
    res.locals.caller = caller;
    next();
  };
}

/** The authenticated caller; only for routes behind `authenticate`. */
export function callerOf(res: Response): TokenClaims {
  const caller = res.locals.caller as TokenClaims | undefined;
  // Reaching here without one is a wiring bug (a route mounted before the middleware).
  if (!caller) throw new Error('callerOf: route is not behind authenticate()');
  return caller;
}
