/**
 * Training sessions, read-only (they are played over the socket): `GET /api/sessions` lists
 * a trainee's own, or every session for a coach or an admin; QA has none to see (403).
 * `GET /api/sessions/:id` gives the transcript and the report to the owner, a coach or an
 * admin; another trainee's session is 403, an unknown id 404 (see auth/access.ts).
 */
import { Router } from 'express';
import { canListAllSessions, canListSessions, canReadSession } from '../../auth/access.ts';
import type { ServerContext } from '../../serverContext.ts';
import { callerOf } from '../authenticate.ts';
import { sendError } from '../errors.ts';
import { sessionView } from '../sessionView.ts';

export function sessionRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const caller = callerOf(res);
    if (!canListSessions(caller.role)) return sendError(res, 'forbidden', `a ${caller.role} account has no sessions to list`);
    const filter = canListAllSessions(caller.role) ? {} : { traineeId: caller.userId };
    res.json(await ctx.store.listSessions(filter));
  });

  router.get('/:id', async (req, res) => {
    const caller = callerOf(res);
    const found = await ctx.store.getSession(req.params.id);
    if (!found) return sendError(res, 'not_found', 'no session with this id');
    if (!canReadSession(caller, found.session)) return sendError(res, 'forbidden', 'this session is not yours');
    res.json(sessionView(ctx.rubric, found.session, found.turns));
  });

  return router;
}
