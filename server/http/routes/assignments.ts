/**
 * Assignments: a coach gives trainees a persona to practise by a due date
 * (`POST /api/assignments`), and everyone concerned follows them (`GET /api/assignments`):
 * coaches and admins see every assignment and every trainee's line, a trainee only the
 * assignments naming them and only their own line. Status is not stored: it is read from
 * the sessions started with the assignment's id (session:start `assignmentId`), so it can
 * never disagree with them.
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { canAssign, canListAllAssignments, canListAssignments } from '../../auth/access.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { Assignment, SessionSummary } from '../../domain/records.ts';
import { NewAssignment } from '../../domain/apiRequests.ts';
import type { AssignmentStatus, AssignmentTraineeStatus, AssignmentView } from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';
import { personaName, userNames } from '../sessionView.ts';

const latest = (sessions: SessionSummary[], key: 'startedAt' | 'endedAt'): SessionSummary | undefined =>
  sessions.filter((s) => s[key] !== null).sort((a, b) => b[key]!.localeCompare(a[key]!))[0];

/** One trainee's line: completed once a session ended, in progress once one started. */
export function traineeStatus(traineeId: string, traineeName: string, sessions: SessionSummary[]): AssignmentTraineeStatus {
  const ended = latest(sessions, 'endedAt');
  const started = latest(sessions, 'startedAt');
  // A completed line points at the session whose result it shows, even if another was started since.
  const shown = ended ?? started;
  const status: AssignmentStatus = ended ? 'completed' : started ? 'in_progress' : 'pending';
  return {
    traineeId,
    traineeName,
    status,
    sessionId: shown?.id ?? null,
    completedAt: ended?.endedAt ?? null,
    overall: ended?.overall ?? null,
  };
}

/**
 * An assignment as listed: the lines of `traineeIds` (all of them, or one trainee's, who then
 * sees no other id anywhere in it), and overdue when the due date has passed and a listed line is not completed.
 */
export function assignmentView(
  ctx: Pick<ServerContext, 'personas'>,
  assignment: Assignment,
  sessions: readonly SessionSummary[],
  nameOf: (id: string) => string,
  now: number,
  onlyTrainee?: string,
): AssignmentView {
  const mine = sessions.filter((s) => s.assignmentId === assignment.id && !s.tryout);
  const trainees = assignment.traineeIds
    .filter((id) => onlyTrainee === undefined || id === onlyTrainee)
    .map((id) => traineeStatus(id, nameOf(id), mine.filter((s) => s.traineeId === id)));
  return {
    ...assignment,
    // A trainee is told only of themselves: the other ids would say who else got the practice.
    traineeIds: onlyTrainee === undefined ? assignment.traineeIds : assignment.traineeIds.filter((id) => id === onlyTrainee),
    personaName: personaName(ctx.personas, assignment.personaId, assignment.locale),
    overdue: now > Date.parse(assignment.dueAt) && trainees.some((t) => t.status !== 'completed'),
    trainees,
  };
}

export function assignmentRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const caller = callerOf(res);
    if (!canListAssignments(caller.role)) return sendError(res, 'forbidden', `a ${caller.role} account has no assignments`);
    const all = canListAllAssignments(caller.role);
    const filter = all ? {} : { traineeId: caller.userId };
    const [assignments, sessions, nameOf] = await Promise.all([ctx.store.listAssignments(filter), ctx.store.listSessions(filter), userNames(ctx.store)]);
    const now = Date.now();
    const list: AssignmentView[] = assignments.map((a) => assignmentView(ctx, a, sessions, nameOf, now, all ? undefined : caller.userId));
    res.json(list);
  });

  router.post('/', async (req, res) => {
    const caller = callerOf(res);
    if (!canAssign(caller.role)) return sendError(res, 'forbidden', 'only a coach gives assignments');
    const body = NewAssignment.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { personaId, locale, dueAt, hideMood, hints, note } = body.data;
    // A version QA saved through another process counts as soon as it is in the store.
    await ctx.personas.refresh(ctx.store, { personaId });
    if (!ctx.personas.live(personaId, locale)) return sendError(res, 'bad_request', `personaId: no persona "${personaId}" in ${locale}`);
    const traineeIds = [...new Set(body.data.traineeIds)];
    const users = new Map((await ctx.store.listUsers()).map((u) => [u.id, u]));
    for (const [i, id] of body.data.traineeIds.entries()) {
      if (users.get(id)?.role !== 'trainee') return sendError(res, 'bad_request', `traineeIds.${i}: no trainee with the id "${id}"`);
    }
    const assignment: Assignment = {
      id: randomUUID(),
      personaId,
      locale,
      traineeIds,
      dueAt: new Date(dueAt).toISOString(),
      hideMood,
      hints,
      note,
      createdBy: caller.userId,
      createdAt: new Date().toISOString(),
    };
    await ctx.store.createAssignment(assignment);
    ctx.log(`assignment ${assignment.id} (${personaId}, ${locale}, ${traineeIds.length} trainee(s)) created by "${caller.username}"`);
    const nameOf = (id: string): string => users.get(id)?.username ?? id;
    const created: AssignmentView = assignmentView(ctx, assignment, [], nameOf, Date.now());
    res.status(201).json(created);
  });

  return router;
}
