/**
 * A stored session as a client sees it: the transcript without the customer's internal
 * state (which facts it holds back, its random seed), and the score report: the stored
 * one once the session has ended, or, while it runs, the report of the transcript so far,
 * computed now with the same engine. For coaches and the owner, `sessionDetail` adds the
 * review: names, comments, score overrides and the coaching suggestions. The shapes are
 * server/domain/apiAnswers.ts's, named here too for the code that builds them.
 */
import { commentsOf, latestOverrides, overridesOf } from '../coaching/overrides.ts';
import { coachingSuggestions } from '../coaching/suggestions.ts';
import { sessionReport } from '../scoring/summary.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import type { Locale, ScoreReport } from '../scoring/types.ts';
import type { ReviewEntry, SessionRecord, StoredTurn } from '../domain/records.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import type { CoachingSuggestions, SessionDetail, SessionView, TurnView } from '../domain/apiAnswers.ts';

export type { SessionDetail, SessionView, TurnView };

export function turnView(t: StoredTurn): TurnView {
  const view: TurnView = { index: t.index, role: t.role, text: t.text, at: t.at };
  if (t.mood) view.mood = t.mood;
  if (t.score) view.score = t.score;
  return view;
}

/**
 * The report of the turns so far, for a session that has not ended: summarised from the
 * scores stored with each trainee turn, like the final report, so nothing is scored again.
 */
export function reportSoFar(rubric: CompiledRubric, session: SessionRecord, turns: readonly StoredTurn[]): ScoreReport {
  return sessionReport(rubric, session.locale, turns.flatMap((t) => (t.role === 'trainee' && t.score ? [t.score] : [])), session.scenario);
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

// ---- the coach's additions: names, comments, overrides, coaching (docs/api.md) ----

/**
 * A persona's display name: in the session's locale, else any, else its id. Takes any list of
 * personas (the catalogue's live ones): the web client type-checks this file, and the
 * catalogue reads files.
 */
/** The persona's name as trainees see it now (lists, assignments). */
export function personaName(personas: { personas: ReadonlyArray<{ id: string; locale: Locale; name: string }> }, id: string, locale: Locale): string {
  const withId = personas.personas.filter((p) => p.id === id);
  return (withId.find((p) => p.locale === locale) ?? withId[0])?.name ?? id;
}

/** Usernames by id, read once for a whole list; an account that is gone shows its id. */
export async function userNames(store: Pick<SessionStore, 'listUsers'>): Promise<(id: string) => string> {
  const byId = new Map((await store.listUsers()).map((u) => [u.id, u.username]));
  return (id) => byId.get(id) ?? id;
}

/** The three suggestions for a session, once it has ended. */
export function sessionCoaching(rubric: CompiledRubric, session: SessionRecord): CoachingSuggestions | null {
  return session.report ? coachingSuggestions(session.report, session, rubric) : null;
}

export function sessionDetail(
  rubric: CompiledRubric,
  found: { session: SessionRecord; turns: readonly StoredTurn[] },
  reviews: readonly ReviewEntry[],
  names: { traineeName: string; personaName: string },
): SessionDetail {
  const { session, turns } = found;
  return {
    ...sessionView(rubric, session, turns),
    ...names,
    personaVersion: session.personaVersion,
    mode: session.mode,
    assignmentId: session.assignmentId ?? null,
    tryout: session.tryout === true,
    comments: commentsOf(reviews),
    overrides: overridesOf(reviews),
    overridden: latestOverrides(reviews),
    coaching: sessionCoaching(rubric, session),
  };
}
