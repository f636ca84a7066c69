/**
 * Who may do what, in one place: the HTTP routes and the socket handlers both ask here, so
 * a rule changes once. Pure functions of the caller's claims (from a verified token, role
 * re-read from the store) and the thing asked for; no I/O.
 *
 *   trainee  plays sessions and sees only their own, their progress and their assignments
 *   coach    sees every session, comments on it and overrides its scores; gives assignments
 *   qa       manages personas; plays sessions only as try-outs of a persona
 *   admin    manages users, and sees every session, every trainee's progress and assignment
 *
 * A session that exists but is not the caller's is `forbidden` (403), an unknown id is
 * `not_found` (404), as the contract says. Telling the two apart reveals only that an id
 * exists; ids are random UUIDs, so nothing can be found by guessing them.
 */
import type { Role, SessionRecord } from '../domain/records.ts';
import type { TokenClaims } from './tokens.ts';

/** Who is asking: what an authenticated request or socket carries. */
export type Caller = Pick<TokenClaims, 'userId' | 'role'>;

export type Access = { ok: true } | { ok: false; code: 'forbidden' | 'not_found'; message: string };

const ALLOWED: Access = { ok: true };

/**
 * Trainees start sessions, and QA to try a persona out (such a session is marked `tryout`,
 * and kept out of coaches' lists and trainees' progress). A session's owner is its
 * `traineeId`. Coaches and admins use a trainee account to practise.
 */
export function canStartSession(role: Role): boolean {
  return role === 'trainee' || role === 'qa';
}

/** A session started by this role is a try-out, not training. */
export function startsTryouts(role: Role): boolean {
  return role === 'qa';
}

/** Coaches review every session and admins answer for the data; trainees list their own. */
export function canListAllSessions(role: Role): boolean {
  return role === 'coach' || role === 'admin';
}

/** Whether `GET /api/sessions` answers at all: QA has no sessions to list. */
export function canListSessions(role: Role): boolean {
  return role === 'trainee' || canListAllSessions(role);
}

export function ownsSession(caller: Caller, session: Pick<SessionRecord, 'traineeId'>): boolean {
  return session.traineeId === caller.userId;
}

/** Reading a transcript and its report: the owner, a coach, an admin. */
export function canReadSession(caller: Caller, session: Pick<SessionRecord, 'traineeId'>): boolean {
  return ownsSession(caller, session) || canListAllSessions(caller.role);
}

/** Speaking, resuming and ending: the owner alone. A coach reads; nobody speaks for a trainee. */
export function canPlaySession(caller: Caller, session: Pick<SessionRecord, 'traineeId'>): boolean {
  return ownsSession(caller, session);
}

/** Comments and score overrides on a trainee's session. */
export function canReviewSessions(role: Role): boolean {
  return role === 'coach';
}

/** The list of trainee accounts: those who follow trainees' work. */
export function canListTrainees(role: Role): boolean {
  return role === 'coach' || role === 'admin';
}

/** A trainee's progress: a coach, an admin, or the trainee themself. */
export function canReadProgress(caller: Caller, traineeId: string): boolean {
  return canListTrainees(caller.role) || (caller.role === 'trainee' && caller.userId === traineeId);
}

/** Giving trainees a persona to practise, with a due date. */
export function canAssign(role: Role): boolean {
  return role === 'coach';
}

/** Every assignment (coach, admin); a trainee lists those naming them; QA has none. */
export function canListAllAssignments(role: Role): boolean {
  return role === 'coach' || role === 'admin';
}

export function canListAssignments(role: Role): boolean {
  return role === 'trainee' || canListAllAssignments(role);
}

/** Starting a session for an assignment: only a trainee it names. */
export function canPlayAssignment(caller: Caller, assignment: { traineeIds: readonly string[] }): boolean {
  return assignment.traineeIds.includes(caller.userId);
}

/** Adding, editing and testing personas. */
export function canManagePersonas(role: Role): boolean {
  return role === 'qa' || role === 'admin';
}

/** Creating and listing accounts. */
export function canManageUsers(role: Role): boolean {
  return role === 'admin';
}

/**
 * The answer for a session lookup, as a value both edges turn into their error shape:
 * `null` (no such id) is not_found; someone else's session is forbidden.
 */
export function sessionReadAccess(caller: Caller, session: Pick<SessionRecord, 'traineeId'> | null): Access {
  if (!session) return { ok: false, code: 'not_found', message: 'no session with this id' };
  return canReadSession(caller, session) ? ALLOWED : { ok: false, code: 'forbidden', message: 'this session is not yours' };
}

/** The same for speaking, resuming and ending (socket handlers). */
export function sessionPlayAccess(caller: Caller, session: Pick<SessionRecord, 'traineeId'> | null): Access {
  if (!session) return { ok: false, code: 'not_found', message: 'no session with this id' };
  return canPlaySession(caller, session) ? ALLOWED : { ok: false, code: 'forbidden', message: 'this session is not yours' };
}
