/**
 * `POST /api/login {username, password}` → `{ token, user: { id, username, role, mustChangePassword } }`,
 * and the token also as the web client's HttpOnly cookie (authCookie.ts).
 * Bad credentials are one 401 whether the user exists or not, and take as long either way;
 * the limiter refuses guessers before their password is even checked. A deactivated
 * account is refused (403) only once its password matched: a guesser learns nothing.
 */
import { Router } from 'express';
import { z } from 'zod';
import { GivenPassword, GivenUsername } from '../../auth/credentials.ts';
import type { LoginLimiter } from '../../auth/loginLimiter.ts';
import { hashPassword, randomPassword, verifyPassword } from '../../auth/passwords.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { LoginAnswer } from '../../domain/apiAnswers.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';
import { setTokenCookie } from '../authCookie.ts';
import { signedInUser } from './me.ts';

const LoginBody = z.strictObject({ username: GivenUsername, password: GivenPassword });

// An unknown user is checked against this hash, so the answer takes as long as for a known one.
let decoy: Promise<string> | undefined;
const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomPassword()));

export function loginRoutes(ctx: ServerContext, limiter: LoginLimiter): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = LoginBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { username, password } = body.data;

    // req.ip follows TRUST_PROXY (app.ts): the client behind a trusted proxy, else the socket's peer.
    const attempt = await limiter.begin(username, req.ip ?? 'unknown address');
    if (!attempt.ok) {
      res.set('Retry-After', String(attempt.retryAfterSeconds));
      return sendError(res, 'too_many_attempts', `too many failed attempts: try again in ${attempt.retryAfterSeconds} s`);
    }
    try {
      const user = await ctx.store.findUserByUsername(username);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !matches) {
        await attempt.failed(user ? 'wrong password' : 'no such user');
        return sendError(res, 'unauthorized', 'wrong username or password');
      }
      await attempt.succeeded();
      if (user.disabled) return sendError(res, 'forbidden', 'this account is deactivated: ask an admin');
      const token = await ctx.tokens.issue({ userId: user.id, username: user.username, role: user.role, version: user.tokenVersion });
      setTokenCookie(req, res, token, ctx.config.tokenHours * 3600_000);
      const answer: LoginAnswer = { token, user: signedInUser(user) };
      res.json(answer);
    } catch (err) {
      // The store or the hash failed: not the caller's fault, so the attempt is not held against them.
      await attempt.cancelled();
      throw err;
    }
  });
  return router;
}
