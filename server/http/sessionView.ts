/**
 * A stored session as a client sees it: the transcript without the customer's internal
 * state (which facts it holds back, its random seed), and the score report: the stored
 * one once the session has ended, or, while it runs, the report of the transcript so far,
 * computed now with the same engine.
 */
import { scoreTranscript } from '../scoring/engine.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import type { ScoreReport } from '../scoring/types.ts';
import type { SessionOutcome, SessionRecord, StoredTurn } from '../store/records.ts';

export interface TurnView {
  index: number;
  role: StoredTurn['role'];
  text: string;
  at: string;
  /** Customer turns: the mood after it. */
  mood?: NonNullable<StoredTurn['mood']>;
  /** Trainee turns: that turn's entry of the score report. */
  score?: NonNullable<StoredTurn['score']>;
}

export interface SessionView {
  id: string;
  traineeId: string;
  personaId: string;
  locale: SessionRecord['locale'];
  scenario: SessionRecord['scenario'];
  startedAt: string;
  endedAt: string | null;
  outcome: SessionOutcome | null;
  turns: TurnView[];
  report: ScoreReport;
}

export function turnView(t: StoredTurn): TurnView {
  const view: TurnView = { index: t.index, role: t.role, text: t.text, at: t.at };
  if (t.mood) view.mood = t.mood;
  if (t.score) view.score = t.score;
  return view;
}

/** The report of the turns so far, for a session that has not ended. */
export function reportSoFar(rubric: CompiledRubric, session: SessionRecord, turns: readonly StoredTurn[]): ScoreReport {
  return scoreTranscript(rubric, {
    locale: session.locale,
    scenario: session.scenario,
    turns: turns.map((t) => ({ role: t.role, text: t.text })),
  });
}

export function sessionView(rubric: CompiledRubric, session: SessionRecord, turns: readonly StoredTurn[]): SessionView {
  return {
    id: session.id,
    traineeId: session.traineeId,
    personaId: session.personaId,
    locale: session.locale,
    scenario: session.scenario,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    outcome: session.outcome,
    turns: turns.map(turnView),
    report: session.report ?? reportSoFar(rubric, session, turns),
  };
}
