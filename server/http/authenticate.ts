/**
 * Sign-in middleware for every route but health and login. The token comes from
 * `Authorization: Bearer <token>` (scripts) or the web client's HttpOnly cookie
 * (authCookie.ts). A missing, garbled, forged, expired or signed-out token is 401; so is
 * the token of a user who no longer exists, was deactivated, or changed their password
 * since (server/auth/signedIn.ts). The role is read back from the store, not trusted from
 * the token, so a changed role counts at once.
 *
 * An account that must change its password (`mustChangePassword`) gets 403
 * `password_change_required` from every route but those mounted with
 * `{ whilePasswordChangeRequired: true }` (password change, logout, `GET /api/me`).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { identify, type Identity } from '../auth/signedIn.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { ServerContext } from '../serverContext.ts';
import { cookieValue, isScriptedRequest, TOKEN_COOKIE } from './authCookie.ts';
import { sendError } from './errors.ts';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return BEARER.exec(header?.trim() ?? '')?.[1] ?? null;
}

export interface AuthenticateOptions {
  /** Lets an account that must change its password through (password change, logout, me). */
  whilePasswordChangeRequired?: boolean;
}

export function authenticate(ctx: Pick<ServerContext, 'tokens' | 'store'>, options: AuthenticateOptions = {}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = bearerToken(req.get('authorization'));
    const token = bearer ?? cookieValue(req.get('cookie'), TOKEN_COOKIE);
    if (!token) return sendError(res, 'unauthorized', 'sign in first: send Authorization: Bearer <token>');
    // Checked before the token: a forged cross-site request learns nothing either way.
    if (!bearer && !isScriptedRequest(req)) {
      return sendError(res, 'forbidden', 'a change signed in by the cookie needs a JSON body or an X-Requested-With header');
    }
    const identity = await identify(ctx, token);
    if (!identity) return sendError(res, 'unauthorized', 'the token is invalid, signed out or expired: sign in again');
    if (identity.mustChangePassword && !options.whilePasswordChangeRequired) {
      return sendError(res, 'password_change_required', 'change your password first: POST /api/password {currentPassword, newPassword}');
    }
    res.locals.caller = identity.caller;
    res.locals.identity = identity;
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

/** The caller's identity with the token's id and expiry; only for routes behind `authenticate`. */
export function identityOf(res: Response): Identity {
  const identity = res.locals.identity as Identity | undefined;
  if (!identity) throw new Error('identityOf: route is not behind authenticate()');
  return identity;
}
