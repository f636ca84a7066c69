/**
 * The caller's own sign-in: `POST /api/logout` and `POST /api/password` (contract, round 2).
 *
 *   logout     204; that token is signed out in the store until it would have expired, and
 *              every socket opened with it is closed (on every process), the cookie cleared.
 *   password   204; `{currentPassword, newPassword}`. The new password must pass the policy
 *              (server/auth/credentials.ts) and differ from the current one. Every token of
 *              the user stops working (the token version goes up) and their sockets close;
 *              the caller gets a fresh sign-in cookie in the same answer, so the web client
 *              carries on. A script signed in with a Bearer token signs in again.
 */
import { Router } from 'express';
import { z } from 'zod';
import { GivenPassword, isUsernameAsPassword, NewPassword, PASSWORD_IS_USERNAME } from '../../auth/credentials.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import type { ServerContext } from '../../serverContext.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { clearTokenCookie, setTokenCookie } from '../authCookie.ts';
import { identityOf } from '../authenticate.ts';
import { sendError } from '../errors.ts';

const PasswordChange = z.strictObject({ currentPassword: GivenPassword, newPassword: NewPassword });

export function logoutRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { caller, token } = identityOf(res);
    await ctx.store.revokeToken(token.jti, token.expiresAt);
    ctx.signOut?.token(token.jti, 'logout');
    clearTokenCookie(req, res);
    ctx.log(`user "${caller.username}" signed out`);
    res.status(204).end();
  });
  return router;
}

export function passwordRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = PasswordChange.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { currentPassword, newPassword } = body.data;
    const { caller } = identityOf(res);
    const user = await ctx.store.getUser(caller.userId);
    if (!user) return sendError(res, 'unauthorized', 'sign in again');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) return sendError(res, 'bad_request', 'currentPassword: is not your current password');
    if (isUsernameAsPassword(newPassword, user.username)) return sendError(res, 'bad_request', `newPassword: ${PASSWORD_IS_USERNAME}`);
    if (newPassword === currentPassword) return sendError(res, 'bad_request', 'newPassword: must differ from the current password');
    const changed = await ctx.store.updateUser(user.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false }, { revokeTokens: true });
    if (!changed) return sendError(res, 'unauthorized', 'sign in again');
    ctx.signOut?.user(user.id, 'password_changed');
    const token = await ctx.tokens.issue({ userId: changed.id, username: changed.username, role: changed.role, version: changed.tokenVersion });
    setTokenCookie(req, res, token, ctx.config.tokenHours * 3600_000);
    ctx.log(`user "${user.username}" changed their password`);
    res.status(204).end();
  });
  return router;
}
