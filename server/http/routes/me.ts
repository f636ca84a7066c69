/**
 * `GET /api/me`: who the request is signed in as (extension). The web client asks at load,
 * since it keeps no token a script can read (the sign-in is an HttpOnly cookie): 200 with
 * the user, or 401 and the sign-in page. Answers even while the password must be changed,
 * so the client knows to show that form.
 */
import { Router } from 'express';
import type { SignedInUser } from '../../domain/apiAnswers.ts';
import type { User } from '../../domain/records.ts';
import type { ServerContext } from '../../serverContext.ts';
import { identityOf } from '../authenticate.ts';
import { sendError } from '../errors.ts';

export function signedInUser(user: User): SignedInUser {
  return { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword === true };
}

export function meRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const user = await ctx.store.getUser(identityOf(res).caller.userId);
    // Deleted between the check and here: as if the token had been refused.
    if (!user) return sendError(res, 'unauthorized', 'sign in again');
    res.json(signedInUser(user));
  });
  return router;
}
