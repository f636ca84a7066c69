/**
 * What the fuzz run attacks: every client event of the socket (shared/contracts/realtime.md)
 * and every HTTP route that reads a body (the contract's and docs/api.md's), each with the
 * shape of what it accepts and a valid payload built on real ids, so a mutation is refused
 * for what it broke and not for an unknown id. Each target names the role that may use it:
 * the fuzz run must get past the door to reach the body's checks.
 */
import type { Shape, Valid } from './hostilePayloads.ts';

export type Role = 'trainee' | 'coach' | 'qa' | 'admin' | 'anyone';

export interface SocketTarget {
  event: string;
  shape: Shape;
  valid: Valid;
}

export interface HttpTarget {
  method: 'POST' | 'PUT';
  path: string;
  role: Role;
  shape: Shape;
  valid: Valid;
}

/** The ids the valid payloads refer to, made by the run's setup. */
export interface FuzzIds {
  sessionId: string;
  traineeId: string;
  personaId: string;
  personaText: string;
}

const str = (max?: number) => ({ kind: 'string' as const, required: true, ...(max !== undefined ? { max } : {}) });
const optional = (kind: 'string' | 'number' | 'boolean' | 'array' | 'object') => ({ kind, required: false });

export function socketTargets(ids: FuzzIds, maxText: number): SocketTarget[] {
  return [
    {
      event: 'session:start',
      shape: { personaId: str(), locale: optional('string'), mode: optional('string'), assignmentId: optional('string') },
      valid: { personaId: ids.personaId, locale: 'en' },
    },
    {
      event: 'trainee:say',
      shape: { sessionId: str(), text: str(maxText), index: optional('number') },
      valid: { sessionId: ids.sessionId, text: 'Could you tell me more about what happened?' },
    },
    { event: 'session:resume', shape: { sessionId: str() }, valid: { sessionId: ids.sessionId } },
    { event: 'session:end', shape: { sessionId: str() }, valid: { sessionId: ids.sessionId } },
  ];
}

export function httpTargets(ids: FuzzIds): HttpTarget[] {
  const persona = `/api/persona-files/${ids.personaId}/en`;
  return [
    { method: 'POST', path: '/api/login', role: 'anyone', shape: { username: str(), password: str() }, valid: { username: 'someone', password: 'a long enough password' } },
    {
      method: 'POST',
      path: '/api/users',
      role: 'admin',
      shape: { username: str(), password: str(), role: str() },
      valid: { username: 'fuzzed-user', password: 'a long enough password', role: 'trainee' },
    },
    {
      method: 'POST',
      path: `/api/sessions/${ids.sessionId}/comments`,
      role: 'coach',
      shape: { turnIndex: { kind: 'number', required: true }, text: str(2000) },
      valid: { turnIndex: 1, text: 'A good reflection here.' },
    },
    {
      method: 'POST',
      path: `/api/sessions/${ids.sessionId}/overrides`,
      role: 'coach',
      shape: { criterion: str(), score: { kind: 'number', required: true }, reason: str(1000) },
      valid: { criterion: 'empathy', score: 80, reason: 'The apology was sincere.' },
    },
    {
      method: 'POST',
      path: '/api/assignments',
      role: 'coach',
      shape: {
        personaId: str(),
        locale: str(),
        traineeIds: { kind: 'array', required: true },
        dueAt: str(),
        hideMood: optional('boolean'),
        hints: optional('string'),
        note: { kind: 'string', required: false, max: 1000 },
      },
      valid: { personaId: ids.personaId, locale: 'en', traineeIds: [ids.traineeId], dueAt: '2031-01-01T00:00:00.000Z' },
    },
    { method: 'POST', path: '/api/persona-files/check', role: 'qa', shape: { text: str() }, valid: { text: ids.personaText } },
    {
      method: 'PUT',
      path: persona,
      role: 'qa',
      shape: { text: str(), baseVersion: { kind: 'number', required: true } },
      valid: { text: ids.personaText, baseVersion: 1 },
    },
    { method: 'POST', path: `${persona}/tests`, role: 'qa', shape: { text: optional('string') }, valid: {} },
  ];
}
