/**
 * The web client's sign-in cookie. `POST /api/login` sets the token as an HttpOnly cookie, so
 * no script on the page (nor an injected one) can read it; scripts and load generators keep
 * sending `Authorization: Bearer`. SameSite=Strict keeps it off requests another site
 * starts; Secure when the request came over HTTPS (`req.secure`, which honours the proxy
 * setting).
 *
 * A cookie is sent by the browser on its own, a header is not: a request that changes
 * something and is signed in by the cookie alone must show it was made by a script of ours
 * (`isScriptedRequest`): a JSON body or an `X-Requested-With` header, neither of which a
 * cross-site HTML form can send without the browser asking this server first (CORS), which
 * it never allows.
 */
import type { Request, Response } from 'express';

export const TOKEN_COOKIE = 'sparring_token';

/** The value of one cookie in a `Cookie` header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

export function setTokenCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

export function clearTokenCookie(req: Request, res: Response): void {
  res.clearCookie(TOKEN_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for a read, or for a change a cross-site form could not have sent. */
export function isScriptedRequest(req: Request): boolean {
  return SAFE_METHODS.has(req.method) || req.is('application/json') === 'application/json' || req.get('x-requested-with') !== undefined;
}
