/**
 * A coach's review of a session: `POST /api/sessions/:id/comments { turnIndex, text }`
 * comments on one turn (any role's; the turn must exist), `POST /api/sessions/:id/overrides
 * { criterion, score, reason }` gives the coach's score for one criterion. Both append: each
 * entry is kept with its author and time, and answered 201 as stored. The engine's report is
 * never changed. Coaches only (auth/access.ts); the caller is checked before the session,
 * the session before the body.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { canReviewSessions } from '../../auth/access.ts';
import { CriterionId } from '../../scoring/types.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { ReviewEntry, SessionRecord, StoredTurn } from '../../domain/records.ts';
import { callerOf } from '../authenticate.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { outsideText } from '../../validation/outsideText.ts';
import { sendError } from '../errors.ts';
import { readableSession } from './sessions.ts';

const NewComment = z.strictObject({
  turnIndex: z.number().int().nonnegative(),
  text: outsideText(2000),
});

const NewOverride = z.strictObject({
  criterion: CriterionId,
  score: z.number().int('must be a whole number').min(0).max(100),
  reason: outsideText(1000),
});

type Found = { session: SessionRecord; turns: StoredTurn[] };

export function reviewRoutes(ctx: ServerContext): Router {
  const router = Router();

  /** The coach and the session, or null once the 403/404 is sent. */
  async function reviewable(req: Request<{ id: string }>, res: Response): Promise<Found | null> {
    const caller = callerOf(res);
    if (!canReviewSessions(caller.role)) {
      sendError(res, 'forbidden', 'only a coach comments on sessions and overrides their scores');
      return null;
    }
    return readableSession(ctx, res, req.params.id);
  }

  async function store(res: Response, entry: ReviewEntry): Promise<void> {
    // The session may have gone between the read and the write.
    if (!(await ctx.store.addReview(entry))) return sendError(res, 'not_found', 'no session with this id');
    res.status(201).json(entry);
  }

  const author = (res: Response, sessionId: string) => {
    const caller = callerOf(res);
    return { id: randomUUID(), sessionId, authorId: caller.userId, authorName: caller.username, at: new Date().toISOString() };
  };

  router.post('/:id/comments', async (req, res) => {
    const found = await reviewable(req, res);
    if (!found) return;
    const body = NewComment.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { turnIndex, text } = body.data;
    if (!found.turns.some((t) => t.index === turnIndex)) {
      return sendError(res, 'bad_request', `turnIndex: this session has no turn ${turnIndex} (its turns are 0 to ${found.turns.length - 1})`);
    }
    await store(res, { ...author(res, found.session.id), kind: 'comment', turnIndex, text });
  });

  router.post('/:id/overrides', async (req, res) => {
    const found = await reviewable(req, res);
    if (!found) return;
    const body = NewOverride.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    await store(res, { ...author(res, found.session.id), kind: 'override', ...body.data });
  });

  return router;
}
