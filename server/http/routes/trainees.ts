/**
 * Trainees and how they are doing: `GET /api/trainees` lists every trainee account (coach,
 * admin); `GET /api/trainees/:id/progress` gives one trainee's latest ended sessions (at most
 * PROGRESS_SESSIONS), oldest first,
 * each with its criterion scores (the coach's overrides applied), its overall score and the
 * three coaching suggestions: for a coach, an admin, or the trainee themself. QA try-outs
 * are not training and never appear.
 */
import { Router } from 'express';
import { canListTrainees, canReadProgress } from '../../auth/access.ts';
import { latestOverrides, scoresWithOverrides } from '../../coaching/overrides.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { ProgressPoint, TraineeListItem, TraineeProgress } from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { sendError } from '../errors.ts';
import { personaName, sessionCoaching } from '../sessionView.ts';

/**
 * The most sessions one progress answer covers: the latest. Each costs a reading of its
 * report for the coaching suggestions, on the event loop: about 2.6 ms a session on a busy
 * machine, so a trainee with a thousand sessions held every other request for seconds.
 */
export const PROGRESS_SESSIONS = 200;
// A file store serves cached sessions without I/O, so the loop below would never give other
// requests a turn by itself: it does every so many sessions.
const YIELD_EVERY = 20;
const otherRequestsFirst = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function traineeRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    if (!canListTrainees(callerOf(res).role)) return sendError(res, 'forbidden', 'only coaches and admins list trainees');
    const users = await ctx.store.listUsers();
    const list: TraineeListItem[] = users.filter((u) => u.role === 'trainee').map((u) => ({ id: u.id, username: u.username }));
    res.json(list);
  });

  router.get('/:id/progress', async (req, res) => {
    const caller = callerOf(res);
    if (!canReadProgress(caller, req.params.id)) return sendError(res, 'forbidden', "only coaches, admins and the trainee themself see a trainee's progress");
    const user = await ctx.store.getUser(req.params.id);
    if (!user || user.role !== 'trainee') return sendError(res, 'not_found', 'no trainee with this id');

    const ended = (await ctx.store.listSessions({ traineeId: user.id }))
      .filter((s) => s.endedAt !== null && !s.tryout)
      .sort((a, b) => a.endedAt!.localeCompare(b.endedAt!))
      .slice(-PROGRESS_SESSIONS);
    const sessions: ProgressPoint[] = [];
    for (const [i, summary] of ended.entries()) {
      if (i > 0 && i % YIELD_EVERY === 0) await otherRequestsFirst();
      const [found, reviews] = await Promise.all([ctx.store.getSession(summary.id), ctx.store.listReviews(summary.id)]);
      const report = found?.session.report;
      const coaching = found ? sessionCoaching(ctx.rubric, found.session) : null;
      if (!found || !report || !coaching) continue;
      const scores = scoresWithOverrides(ctx.rubric, report.summary, latestOverrides(reviews));
      sessions.push({
        sessionId: summary.id,
        personaId: summary.personaId,
        personaName: personaName(ctx.personas, summary.personaId, summary.locale),
        locale: summary.locale,
        endedAt: summary.endedAt!,
        outcome: summary.outcome,
        overall: scores.overall,
        criteria: scores.criteria,
        coaching,
      });
    }
    const body: TraineeProgress = { trainee: { id: user.id, username: user.username }, sessions };
    res.json(body);
  });

  return router;
}
