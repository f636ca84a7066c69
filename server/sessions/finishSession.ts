/**
 * The end of a session, whoever ends it (the persona resolving, escalating or abandoning, or
 * the trainee with `session:end`): the whole score report of the stored transcript,
 * stored with the outcome. Storing twice changes nothing (endSession keeps the first), so
 * the report returned is always the stored one.
 */
import { transcriptOf } from '../personas/conversation.ts';
import type { ServerContext } from '../serverContext.ts';
import { scoreTranscript } from '../scoring/engine.ts';
import type { ScoreReport } from '../scoring/types.ts';
import type { SessionOutcome } from '../domain/records.ts';
import type { LoadedSession } from './loadSession.ts';

export interface Finished {
  outcome: SessionOutcome;
  report: ScoreReport;
}

export async function finishSession(ctx: ServerContext, loaded: LoadedSession, outcome: SessionOutcome): Promise<Finished> {
  const { session, turns, persona } = loaded;
  if (session.endedAt && session.outcome && session.report) return { outcome: session.outcome, report: session.report };
  const report = scoreTranscript(ctx.rubric, transcriptOf(persona, turns.map((t) => ({ role: t.role, text: t.text }))));
  const changed = await ctx.store.endSession(session.id, { endedAt: new Date().toISOString(), outcome, report });
  if (changed) return { outcome, report };
  // Ended meanwhile by another process or tab: theirs is the stored end.
  const stored = (await ctx.store.getSession(session.id))?.session;
  if (stored?.outcome && stored.report) return { outcome: stored.outcome, report: stored.report };
  throw new Error(`endSession(${session.id}) stored nothing`);
}
