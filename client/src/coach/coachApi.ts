/**
 * The coach routes of the HTTP API (docs/api.md), typed by the server's own answers. Errors
 * come back as the shared ApiError, so the pages show them like any other.
 */
import { apiFetch } from '../shared/api.ts';
import type {
  AssignmentView,
  CriterionId,
  NewAssignment,
  SessionDetail,
  SessionListItem,
  SessionReview,
  TraineeListItem,
  TraineeProgress,
} from '../shared/contract.ts';

/** `GET /api/sessions/:id` as a coach gets it: the contract's view and the review beside it. */
export type ReviewedSession = SessionDetail;
export type CommentEntry = SessionReview['comments'][number];
export type OverrideEntry = SessionReview['overrides'][number];

export type { NewAssignment };

const sessionPath = (id: string) => `/sessions/${encodeURIComponent(id)}`;

export const coachApi = {
  sessions: (token: string) => apiFetch<SessionListItem[]>('/sessions', { token }),
  session: (token: string, id: string) => apiFetch<ReviewedSession>(sessionPath(id), { token }),
  addComment: (token: string, id: string, turnIndex: number, text: string) =>
    apiFetch<CommentEntry>(`${sessionPath(id)}/comments`, { method: 'POST', token, body: { turnIndex, text } }),
  addOverride: (token: string, id: string, criterion: CriterionId, score: number, reason: string) =>
    apiFetch<OverrideEntry>(`${sessionPath(id)}/overrides`, { method: 'POST', token, body: { criterion, score, reason } }),
  trainees: (token: string) => apiFetch<TraineeListItem[]>('/trainees', { token }),
  progress: (token: string, traineeId: string) => apiFetch<TraineeProgress>(`/trainees/${encodeURIComponent(traineeId)}/progress`, { token }),
  assignments: (token: string) => apiFetch<AssignmentView[]>('/assignments', { token }),
  createAssignment: (token: string, assignment: NewAssignment) => apiFetch<Pick<AssignmentView, 'id'>>('/assignments', { method: 'POST', token, body: assignment }),
};
