/**
 * What a coach required for a session started from an assignment (the `session:start` ack's
 * `settings`): the mood gauge hidden, and live hints on, off or left to the trainee.
 *
 * Only the start's ack says it, and the chat page learns of a session by resuming it: the
 * settings are kept for the tab under the session's id, and when they are not there (a
 * session continued from another tab) they are found again from the session's
 * `assignmentId` and the trainee's assignments.
 */
import { api } from '../shared/api.ts';
import type { SessionStartOk } from '../shared/contract.ts';
import { useApiData } from '../shared/useApiData.ts';

export type SessionSettings = NonNullable<SessionStartOk['settings']>;

/** A practice nobody assigned: everything is the trainee's choice. */
export const FREE_PRACTICE: SessionSettings = { hideMood: false, hints: 'trainee' };

const key = (sessionId: string) => `sparring.sessionSettings.${sessionId}`;

export function rememberSessionSettings(sessionId: string, settings: SessionSettings): void {
  try {
    sessionStorage.setItem(key(sessionId), JSON.stringify(settings));
  } catch {
    // The lookup below finds them again.
  }
}

function recalled(sessionId: string): SessionSettings | null {
  try {
    const raw = sessionStorage.getItem(key(sessionId));
    const value = raw ? (JSON.parse(raw) as Partial<SessionSettings>) : null;
    if (typeof value?.hideMood === 'boolean' && (value.hints === 'on' || value.hints === 'off' || value.hints === 'trainee')) {
      return { hideMood: value.hideMood, hints: value.hints };
    }
  } catch {
    // Unreadable: look them up.
  }
  return null;
}

async function lookUp(token: string, sessionId: string): Promise<SessionSettings> {
  // The server's session view adds `assignmentId` to the contract's fields (docs/api.md).
  const session = (await api.session(token, sessionId)) as { assignmentId?: string | null };
  if (!session.assignmentId) return FREE_PRACTICE;
  const assignment = (await api.assignments(token)).find((a) => a.id === session.assignmentId);
  return assignment ? { hideMood: assignment.hideMood, hints: assignment.hints } : FREE_PRACTICE;
}

/**
 * The session's settings; null while they are being looked up. `known` skips the lookup
 * (a QA try-out has no assignment).
 */
export function useSessionSettings(sessionId: string, known?: SessionSettings): SessionSettings | null {
  const kept = known ?? recalled(sessionId);
  const looked = useApiData(kept ? null : (token) => lookUp(token, sessionId), [sessionId, kept === null]);
  if (kept) return kept;
  if (looked.status === 'ready') {
    rememberSessionSettings(sessionId, looked.data);
    return looked.data;
  }
  // An answer that did not come must not lock the trainee out of their own choices.
  return looked.status === 'failed' ? FREE_PRACTICE : null;
}
