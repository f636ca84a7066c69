/**
 * The answers of the coach and QA routes (docs/api.md), as types the routes return and the
 * web client imports (`import type`, so nothing of the server reaches the bundle). The
 * contract's own routes keep their shapes in shared/contracts/realtime.md; everything here
 * is an extension.
 */
import type { FileProblem } from '../dataFiles/fileError.ts';
import type { PersonaTestResult } from '../personas/personaTests.ts';
import type { CriterionId, Locale, Scenario } from '../scoring/types.ts';
import type { Assignment, CommentEntry, OverrideEntry, SessionSummary } from './records.ts';

// ---- sessions, for coaches ----

/** One line of `GET /api/sessions`: the store's summary plus names a person reads. */
export interface SessionListItem extends SessionSummary {
  traineeName: string;
  personaName: string;
}

/** Three suggestions drawn from a session's evidence, in the session's locale. */
export interface CoachingSuggestions {
  keep: string;
  start: string;
  stop: string;
}

/** What `GET /api/sessions/:id` adds to the contract's view. */
export interface SessionReview {
  traineeName: string;
  personaName: string;
  /** The persona version the session was played with. */
  personaVersion: number;
  mode: 'scripted' | 'llm';
  assignmentId: string | null;
  tryout: boolean;
  comments: CommentEntry[];
  /** Every override, oldest first (a later one for the same criterion supersedes an earlier). */
  overrides: OverrideEntry[];
  /** The coach's score per criterion where overridden: the latest override's score. */
  overridden: Partial<Record<CriterionId, { score: number; reason: string; by: string; at: string }>>;
  /** Null until the session has ended. */
  coaching: CoachingSuggestions | null;
}

// ---- trainees and their progress ----

export interface TraineeListItem {
  id: string;
  username: string;
}

export interface ProgressPoint {
  sessionId: string;
  personaId: string;
  personaName: string;
  /** The session's locale: its persona and its suggestions are in it. */
  locale: Locale;
  endedAt: string;
  outcome: SessionSummary['outcome'];
  overall: number;
  /** The engine's scores, with the coach's overrides applied where there are any. */
  criteria: Partial<Record<CriterionId, number>>;
  coaching: CoachingSuggestions;
}

/** `GET /api/trainees/:id/progress`: ended sessions, oldest first. */
export interface TraineeProgress {
  trainee: TraineeListItem;
  sessions: ProgressPoint[];
}

// ---- assignments ----

export type AssignmentStatus = 'pending' | 'in_progress' | 'completed';

export interface AssignmentTraineeStatus {
  traineeId: string;
  traineeName: string;
  status: AssignmentStatus;
  /** The latest session started for this assignment, if any. */
  sessionId: string | null;
  completedAt: string | null;
  overall: number | null;
}

/** One line of `GET /api/assignments` (a coach sees every trainee's status; a trainee, their own only). */
export interface AssignmentView extends Assignment {
  personaName: string;
  overdue: boolean;
  trainees: AssignmentTraineeStatus[];
}

// ---- persona files, for QA ----

/** A problem found in persona text: the file's path is the persona's place, the line where it is. */
export type PersonaProblem = Pick<FileProblem, 'field' | 'message' | 'line'>;

export interface PersonaFileListItem {
  /** From the folder and file name (or the saved version); what the text says may differ when invalid. */
  id: string;
  locale: Locale;
  name: string | null;
  scenario: Scenario | null;
  /** The version trainees get: the latest valid one. */
  version: number | null;
  /** `file`: as shipped in personas/; `saved`: the latest version was saved through the web client. */
  source: 'file' | 'saved';
  status: 'valid' | 'invalid';
  problems: PersonaProblem[];
  tests: number;
  savedBy: string | null;
  savedAt: string | null;
}

export interface PersonaVersionInfo {
  version: number;
  source: 'file' | 'saved';
  savedBy: string | null;
  savedAt: string | null;
}

/** `GET /api/persona-files/:id/:locale`: the latest text and the version history, newest first. */
export interface PersonaSource {
  id: string;
  locale: Locale;
  version: number;
  text: string;
  versions: PersonaVersionInfo[];
}

/** `POST /api/persona-files/check`: whether the text would save. */
export interface PersonaCheck {
  ok: boolean;
  problems: PersonaProblem[];
  /** What the text says it is, when it parses that far. */
  id: string | null;
  locale: Locale | null;
}

/** `PUT /api/persona-files/:id/:locale` on success (201). */
export interface PersonaSaved {
  id: string;
  locale: Locale;
  version: number;
}

/** `POST /api/persona-files/:id/:locale/tests`. */
export interface PersonaTestRun {
  passed: number;
  failed: number;
  results: PersonaTestResult[];
}
