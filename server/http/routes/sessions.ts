/**
 * Training sessions, read-only (they are played over the socket): `GET /api/sessions` lists
 * a trainee's own, or every session for a coach or an admin, with the names a person reads;
 * QA has none to see (403), and QA try-outs are left out unless `?tryout=include`.
 * `GET /api/sessions/:id` gives the transcript, the report and the coach's review to the
 * owner, a coach or an admin; another trainee's session is 403, an unknown id 404 (see
 * auth/access.ts). Comments, overrides and exports live beside it (reviews.ts, exports.ts).
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { canListAllSessions, canListSessions, sessionReadAccess } from '../../auth/access.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { SessionRecord, StoredTurn } from '../../domain/records.ts';
import type { SessionDetail, SessionListItem } from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';
import { personaName, sessionDetail, userNames } from '../sessionView.ts';
import { playedPersonaName } from '../playedPersonaName.ts';

const ListQuery = z.strictObject({ tryout: z.enum(['include', 'exclude']).optional() });

/**
 * The session at `:id` if the caller may read it; otherwise the 404 or 403 is sent and the
 * answer is null. For every route under /api/sessions/:id.
 */
export async function readableSession(ctx: ServerContext, res: Response, id: string): Promise<{ session: SessionRecord; turns: StoredTurn[] } | null> {
  const found = await ctx.store.getSession(id);
  const access = sessionReadAccess(callerOf(res), found?.session ?? null);
  if (!access.ok) {
    sendError(res, access.code, access.message);
    return null;
  }
  return found;
}

export function sessionRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const caller = callerOf(res);
    if (!canListSessions(caller.role)) return sendError(res, 'forbidden', `a ${caller.role} account has no sessions to list`);
    const query = ListQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeInvalid(query.error, 'query'));
    const filter = canListAllSessions(caller.role) ? {} : { traineeId: caller.userId };
    const withTryouts = query.data.tryout === 'include';
    const sessions = (await ctx.store.listSessions(filter)).filter((s) => withTryouts || !s.tryout);
    const nameOf = await userNames(ctx.store);
    const list: SessionListItem[] = sessions.map((s) => ({
      ...s,
      traineeName: nameOf(s.traineeId),
      personaName: personaName(ctx.personas, s.personaId, s.locale),
    }));
    res.json(list);
  });

  router.get('/:id', async (req, res) => {
    const found = await readableSession(ctx, res, req.params.id);
    if (!found) return;
    const { session } = found;
    const [reviews, trainee] = await Promise.all([ctx.store.listReviews(session.id), ctx.store.getUser(session.traineeId)]);
    const names = { traineeName: trainee?.username ?? session.traineeId, personaName: playedPersonaName(ctx.personas, session) };
    const detail: SessionDetail = sessionDetail(ctx.rubric, found, reviews, names);
    res.json(detail);
  });

  return router;
}
