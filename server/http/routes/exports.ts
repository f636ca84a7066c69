/**
 * A session as a file to keep or share, for whoever may read it (the owner, a coach, an
 * admin): `GET /api/sessions/:id/export.json` gives `{ transcript, report, review }` (plus
 * `session`, who and when, and `coaching`), where `transcript` is the scoring contract's
 * input, so `npx sparring score` reads the file back; `GET /api/sessions/:id/export.csv`
 * gives one row per turn, then one row per criterion with the engine's and the coach's score,
 * for a spreadsheet, every text cell that a spreadsheet would run as a formula neutralised
 * (spreadsheetCell.ts). Both are downloads named `sparring-<sessionId>`.
 */
import { stringify } from 'csv-stringify/sync';
import { Router, type Response } from 'express';
import { commentsOf, latestOverrides, overridesOf, scoresWithOverrides, type Overridden } from '../../coaching/overrides.ts';
import { CRITERIA, type ScoreReport } from '../../scoring/types.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { CommentEntry, SessionRecord, StoredTurn } from '../../domain/records.ts';
import type { SessionExport } from '../../domain/apiAnswers.ts';
import { reportSoFar, sessionCoaching } from '../sessionView.ts';
import { playedPersonaName } from '../playedPersonaName.ts';
import { readableSession } from './sessions.ts';
import { spreadsheetCell } from '../spreadsheetCell.ts';

export type { SessionExport };

type Found = { session: SessionRecord; turns: StoredTurn[] };

const fileName = (session: SessionRecord, ext: 'json' | 'csv'): string => `sparring-${session.id}.${ext}`;

// Two tables in one sheet, the same width, so any CSV reader takes the file whole.
const TURN_HEADER = ['index', 'role', 'text', ...CRITERIA, 'signals', 'comments'];
const CRITERION_HEADER = ['criterion', 'engine', 'coach', 'reason', 'by', 'at'];
const pad = (row: Array<string | number>): Array<string | number> => [...row, ...Array<string>(Math.max(0, TURN_HEADER.length - row.length)).fill('')];

function csvRows(ctx: ServerContext, found: Found, report: ScoreReport, comments: CommentEntry[], overridden: Overridden): Array<Array<string | number>> {
  const scored = new Map(report.turns.map((t) => [t.index, t]));
  const rows: Array<Array<string | number>> = [TURN_HEADER];
  for (const turn of found.turns) {
    const score = scored.get(turn.index);
    const notes = comments.filter((c) => c.turnIndex === turn.index).map((c) => `${c.authorName}: ${c.text}`);
    rows.push([
      turn.index,
      turn.role,
      turn.text,
      ...CRITERIA.map((id) => score?.criteria[id]?.score ?? ''),
      score?.signals.join(' ') ?? '',
      notes.join('\n'),
    ]);
  }
  rows.push(pad([]));
  rows.push(pad(CRITERION_HEADER));
  for (const id of CRITERIA) {
    const coach = overridden[id];
    rows.push(pad([id, report.summary.criteria[id] ?? '', coach?.score ?? '', coach?.reason ?? '', coach?.by ?? '', coach?.at ?? '']));
  }
  const applied = scoresWithOverrides(ctx.rubric, report.summary, overridden);
  const anyOverride = Object.keys(overridden).length > 0;
  rows.push(pad(['overall', report.summary.overall, anyOverride ? applied.overall : '']));
  return rows;
}

export function exportRoutes(ctx: ServerContext): Router {
  const router = Router();

  async function gather(id: string, res: Response) {
    const found = await readableSession(ctx, res, id);
    if (!found) return null;
    const reviews = await ctx.store.listReviews(found.session.id);
    const report = found.session.report ?? reportSoFar(ctx.rubric, found.session, found.turns);
    return { found, reviews, report };
  }

  router.get('/:id/export.json', async (req, res) => {
    const gathered = await gather(req.params.id, res);
    if (!gathered) return;
    const { found, reviews, report } = gathered;
    const { session, turns } = found;
    const trainee = await ctx.store.getUser(session.traineeId);
    const body: SessionExport = {
      session: {
        id: session.id,
        traineeId: session.traineeId,
        traineeName: trainee?.username ?? session.traineeId,
        personaId: session.personaId,
        personaName: playedPersonaName(ctx.personas, session),
        personaVersion: session.personaVersion,
        locale: session.locale,
        scenario: session.scenario,
        mode: session.mode,
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        outcome: session.outcome,
        assignmentId: session.assignmentId ?? null,
        tryout: session.tryout === true,
      },
      transcript: { locale: session.locale, scenario: session.scenario, persona: session.personaId, turns: turns.map((t) => ({ role: t.role, text: t.text })) },
      report,
      review: { comments: commentsOf(reviews), overrides: overridesOf(reviews), overridden: latestOverrides(reviews) },
      coaching: sessionCoaching(ctx.rubric, session),
    };
    res.attachment(fileName(session, 'json'));
    res.type('application/json').send(`${JSON.stringify(body, null, 2)}\n`);
  });

  router.get('/:id/export.csv', async (req, res) => {
    const gathered = await gather(req.params.id, res);
    if (!gathered) return;
    const { found, reviews, report } = gathered;
    // The byte order mark tells Excel the file is UTF-8: without it Chinese opens garbled.
    // Every cell as text a spreadsheet will not run: replies, comments and reasons are typed by people.
    const rows = csvRows(ctx, found, report, commentsOf(reviews), latestOverrides(reviews)).map((row) => row.map(spreadsheetCell));
    const csv = stringify(rows, { bom: true, record_delimiter: 'windows' });
    res.attachment(fileName(found.session, 'csv'));
    res.type('text/csv; charset=utf-8').send(csv);
  });

  return router;
}
