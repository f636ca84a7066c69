/**
 * The end of a session, whoever ends it (the persona resolving, escalating or abandoning, or
 * the trainee with `session:end`): the whole score report, summarised from the scores stored
 * with the trainee's turns (each turn was scored once, when it was said), stored with the
 * outcome. Storing twice changes nothing (endSession keeps the first), so the report
 * returned is always the stored one.
 */
import { transcriptOf } from '../personas/conversation.ts';
import type { ServerContext } from '../serverContext.ts';
import { sessionReport } from '../scoring/summary.ts';
import type { ScoreReport, TurnScore } from '../scoring/types.ts';
import type { SessionOutcome } from '../domain/records.ts';
import type { LoadedSession } from './loadSession.ts';

export interface Finished {
  outcome: SessionOutcome;
  report: ScoreReport;
}

/**
 * Each trainee turn's stored score, in order. traineeSay stores every trainee turn with its
 * score; a turn stored without one is scored here, in its place, so the report stays whole.
 */
function storedScores(ctx: ServerContext, loaded: LoadedSession): TurnScore[] {
  const { turns, persona } = loaded;
  const upTo = (index: number) => turns.filter((t) => t.index <= index).map((t) => ({ role: t.role, text: t.text }));
  return turns.filter((t) => t.role === 'trainee').map((t) => t.score ?? ctx.scorer.scoreTurn(transcriptOf(persona, upTo(t.index))).score);
}

export async function finishSession(ctx: ServerContext, loaded: LoadedSession, outcome: SessionOutcome): Promise<Finished> {
  const { session, persona } = loaded;
  if (session.endedAt && session.outcome && session.report) return { outcome: session.outcome, report: session.report };
  const report = sessionReport(ctx.rubric, persona.locale, storedScores(ctx, loaded), persona.scenario);
  const changed = await ctx.store.endSession(session.id, { endedAt: new Date().toISOString(), outcome, report });
  if (changed) {
    ctx.metrics.openSessions.dec();
    return { outcome, report };
  }
  // Ended meanwhile by another process or tab: theirs is the stored end.
  const stored = (await ctx.store.getSession(session.id))?.session;
  if (stored?.outcome && stored.report) return { outcome: stored.outcome, report: stored.report };
  throw new Error(`endSession(${session.id}) stored nothing`);
}

