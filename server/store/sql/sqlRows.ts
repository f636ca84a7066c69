/**
 * Records to rows and back, for sqlSessionStore.ts. Rows read back are checked with the
 * domain's zod schemas like any outside input; fields absent from a record (an older
 * record without `tryout`, a turn without `mood`) are absent again when read back.
 */
import type { Insertable, Selectable } from 'kysely';
import { SessionRecord, SessionSummary, StoredTurn } from '../../domain/records.ts';
import { readJson } from './sqlDatabase.ts';
import type { SessionsTable, TurnsTable } from './tables.ts';

type SessionRow = Selectable<SessionsTable>;
type TurnRow = Selectable<TurnsTable>;

export const flag = (value: boolean): number => (value ? 1 : 0);
const optionalFlag = (value: boolean | undefined): number | null => (value === undefined ? null : flag(value));
const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

export function sessionRow(s: SessionRecord): Insertable<SessionsTable> {
  return {
    id: s.id,
    trainee_id: s.traineeId,
    persona_id: s.personaId,
    persona_version: s.personaVersion,
    locale: s.locale,
    scenario: s.scenario,
    mode: s.mode,
    seed: s.seed,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    outcome: s.outcome,
    overall: s.report?.summary.overall ?? null,
    criteria: json(s.report?.summary.criteria),
    report: json(s.report),
    assignment_id: s.assignmentId ?? null,
    tryout: optionalFlag(s.tryout),
  };
}

/** The record a row holds; throws (naming the field) when the row is not a valid one. */
export function sessionFromRow(row: SessionRow): SessionRecord {
  return SessionRecord.parse({
    id: row.id,
    traineeId: row.trainee_id,
    personaId: row.persona_id,
    personaVersion: row.persona_version,
    locale: row.locale,
    scenario: row.scenario,
    mode: row.mode,
    seed: Number(row.seed),
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    report: row.report === null ? null : readJson(row.report),
    ...(row.assignment_id !== null ? { assignmentId: row.assignment_id } : {}),
    ...(row.tryout !== null ? { tryout: Boolean(row.tryout) } : {}),
  });
}

/** The summary columns: a list reads these, never the report. */
export const SUMMARY_COLUMNS = [
  'id',
  'trainee_id',
  'persona_id',
  'persona_version',
  'locale',
  'scenario',
  'started_at',
  'ended_at',
  'outcome',
  'overall',
  'criteria',
  'assignment_id',
  'tryout',
] as const;

export function summaryFromRow(row: Pick<SessionRow, (typeof SUMMARY_COLUMNS)[number]>): SessionSummary {
  return SessionSummary.parse({
    id: row.id,
    traineeId: row.trainee_id,
    personaId: row.persona_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    overall: row.overall,
    personaVersion: row.persona_version,
    locale: row.locale,
    scenario: row.scenario,
    criteria: row.criteria === null ? null : readJson(row.criteria),
    assignmentId: row.assignment_id,
    tryout: row.tryout !== null && Boolean(row.tryout),
  });
}

export function turnRow(sessionId: string, t: StoredTurn): Insertable<TurnsTable> {
  return {
    session_id: sessionId,
    turn_index: t.index,
    role: t.role,
    text: t.text,
    at: t.at,
    mood: json(t.mood),
    state: json(t.state),
    score: json(t.score),
    fallback: optionalFlag(t.fallback),
  };
}

export function turnFromRow(row: TurnRow): StoredTurn {
  return StoredTurn.parse({
    index: row.turn_index,
    role: row.role,
    text: row.text,
    at: row.at,
    ...(row.mood !== null ? { mood: readJson(row.mood) } : {}),
    ...(row.state !== null ? { state: readJson(row.state) } : {}),
    ...(row.score !== null ? { score: readJson(row.score) } : {}),
    ...(row.fallback !== null ? { fallback: Boolean(row.fallback) } : {}),
  });
}
