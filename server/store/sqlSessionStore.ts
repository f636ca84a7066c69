/**
 * The records store (SessionStore, sessionStore.ts) in SQL: SQLite in DATA_DIR, the embedded
 * default, or PostgreSQL from DATABASE_URL for several server processes. One set of Kysely
 * queries serves both; what differs is in sql/sqlDatabase.ts. The schema is migrated to the
 * latest version when the store opens (sql/migrations.ts).
 *
 * Every change is one statement or one transaction, so it is complete or absent; a
 * transaction that checks before it writes (the next turn index, the latest persona version)
 * holds a lock every process respects. An acknowledged turn is a committed row: SQLite runs
 * in WAL with full sync, PostgreSQL commits durably by default.
 *
 * Rows read back are checked with the domain's zod schemas; in a list, one that fails is left
 * out and reported in `problems`.
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { ScoreReport } from '../scoring/types.ts';
import { Assignment, Outcome, PersonaVersion, ReviewEntry, SessionRecord, StoredTurn, type SessionSummary } from '../domain/records.ts';
import { serialise, type Queued } from './file/serialise.ts';
import { migrateToLatest } from './sql/migrations.ts';
import { lockKey, openPostgres, openSqlite, readJson, type SqlDatabase } from './sql/sqlDatabase.ts';
import { sessionFromRow, sessionRow, SUMMARY_COLUMNS, summaryFromRow, turnFromRow, turnRow } from './sql/sqlRows.ts';
import { deleteExpiredTokens, sqlRevokedTokenMethods } from './sql/sqlRevokedTokens.ts';
import { sqlUserMethods } from './sql/sqlUsers.ts';
import type { Tables } from './sql/tables.ts';
import type { AppendResult, SessionStore } from './sessionStore.ts';

const SessionEnd = z.object({ endedAt: z.string(), outcome: Outcome, report: ScoreReport });

/** Beyond this many, further problems are dropped: the list is for a log, not an archive. */
const MAX_PROBLEMS = 1000;

/** The embedded store: SQLite in `dataDir/sparring.db`. */
export async function openSqliteSessionStore(dataDir: string): Promise<SessionStore> {
  return openSqlSessionStore(openSqlite(dataDir));
}

/** PostgreSQL at `url` (a DATABASE_URL). */
export async function openPostgresSessionStore(url: string): Promise<SessionStore> {
  return openSqlSessionStore(await openPostgres(url));
}

/** The store on an opened database, once its schema is the latest; closing the store closes the database. */
export async function openSqlSessionStore(database: SqlDatabase): Promise<SessionStore> {
  const { dialect, where } = database;
  const label = `${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} at ${where}`;
  try {
    await migrateToLatest(database);
    await deleteExpiredTokens(database.db);
  } catch (err) {
    await database.db.destroy();
    throw new Error(`${label}: ${messageOf(err)}`, { cause: err });
  }

  const problems: string[] = [];
  let closed = false;
  const db = () => {
    if (closed) throw new Error(`the SQL store (${label}) is closed`);
    return database.db;
  };
  const transaction = <T>(work: (trx: Transaction<Tables>) => Promise<T>) => db().transaction().execute(work);

  /** Each row that reads back whole; the others reported. */
  function keep<R, T>(rows: readonly R[], read: (row: R) => T, name: (row: R) => string): T[] {
    const records: T[] = [];
    for (const row of rows) {
      try {
        records.push(read(row));
      } catch (err) {
        const line = `${label} ${name(row)}: ${messageOf(err)}`;
        if (problems.length < MAX_PROBLEMS && !problems.includes(line)) problems.push(line);
      }
    }
    return records;
  }

  // Appends to one session go to the database one after another from this process, in the
  // order they were called: consecutive turns sent at once are stored in order. Across
  // processes the transaction's lock keeps the check and the write together.
  const appendQueues = new Map<string, Queued>();
  function queued<T>(sessionId: string, task: () => Promise<T>): Promise<T> {
    const owner = appendQueues.get(sessionId) ?? { queue: Promise.resolve() };
    appendQueues.set(sessionId, owner);
    const run = serialise(owner, task);
    const tail = owner.queue;
    void tail.then(() => {
      if (appendQueues.get(sessionId) === owner && owner.queue === tail) appendQueues.delete(sessionId);
    });
    return run;
  }

  const store: SessionStore = {
    problems,
    ...sqlUserMethods(db),
    ...sqlRevokedTokenMethods(db),

    async createSession(input, openingInput) {
      const session = SessionRecord.parse(input);
      const opening = StoredTurn.parse(openingInput);
      if (opening.index !== 0) throw new Error(`a session's opening turn has index 0, not ${opening.index}`);
      await transaction(async (trx) => {
        await trx.insertInto('sessions').values(sessionRow(session)).execute();
        await trx.insertInto('turns').values(turnRow(session.id, opening)).execute();
      });
    },
    async getSession(id) {
      const row = await db().selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const turns = await db().selectFrom('turns').selectAll().where('session_id', '=', id).orderBy('turn_index').execute();
      return { session: sessionFromRow(row), turns: keep(turns, turnFromRow, (t) => `session ${id} turn ${t.turn_index}`) };
    },
    async listSessions(filter) {
      let query = db().selectFrom('sessions').select(SUMMARY_COLUMNS);
      if (filter?.traineeId !== undefined) query = query.where('trainee_id', '=', filter.traineeId);
      const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').execute();
      return keep<(typeof rows)[number], SessionSummary>(rows, summaryFromRow, (r) => `session ${r.id}`);
    },
    async countOpenSessions(traineeId) {
      const row = await db()
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('trainee_id', '=', traineeId)
        .where('ended_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async appendTurn(sessionId, input, options) {
      const turn = StoredTurn.parse(input);
      return queued(sessionId, () =>
        transaction(async (trx): Promise<AppendResult> => {
          await lockKey(trx, dialect, `sparring turns ${sessionId}`);
          const session = await trx.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
          if (!session) return { ok: false, code: 'not_found' };
          const existing = await trx.selectFrom('turns').selectAll().where('session_id', '=', sessionId).where('turn_index', '=', turn.index).executeTakeFirst();
          if (existing) return { ok: false, code: 'exists', existing: turnFromRow(existing) };
          const last = await trx
            .selectFrom('turns')
            .select((eb) => eb.fn.max('turn_index').as('last'))
            .where('session_id', '=', sessionId)
            .executeTakeFirst();
          const next = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
          if (turn.index !== next && !(options?.keepGap && turn.index > next)) return { ok: false, code: 'out_of_order', next };
          await trx.insertInto('turns').values(turnRow(sessionId, turn)).execute();
          return { ok: true };
        }),
      );
    },
    async endSession(sessionId, input) {
      const end = SessionEnd.parse(input);
      const result = await db()
        .updateTable('sessions')
        .set({
          ended_at: end.endedAt,
          outcome: end.outcome,
          overall: end.report.summary.overall,
          criteria: JSON.stringify(end.report.summary.criteria),
          report: JSON.stringify(end.report),
        })
        .where('id', '=', sessionId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async addReview(input) {
      const review = ReviewEntry.parse(input);
      return transaction(async (trx) => {
        const session = await trx.selectFrom('sessions').select('id').where('id', '=', review.sessionId).executeTakeFirst();
        if (!session) return false;
        // An entry sent again (same id) is already stored: nothing to add.
        await trx
          .insertInto('reviews')
          .values({ id: review.id, session_id: review.sessionId, at: review.at, entry: JSON.stringify(review) })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return true;
      });
    },
    async listReviews(sessionId) {
      const rows = await db().selectFrom('reviews').select(['id', 'entry']).where('session_id', '=', sessionId).orderBy('seq').execute();
      return keep(rows, (r) => ReviewEntry.parse(readJson(r.entry)), (r) => `review ${r.id}`);
    },

    async createAssignment(input) {
      const assignment = Assignment.parse(input);
      await transaction(async (trx) => {
        await trx.insertInto('assignments').values({ id: assignment.id, created_at: assignment.createdAt, entry: JSON.stringify(assignment) }).execute();
        const trainees = [...new Set(assignment.traineeIds)];
        await trx
          .insertInto('assignment_trainees')
          .values(trainees.map((traineeId) => ({ assignment_id: assignment.id, trainee_id: traineeId })))
          .execute();
      });
    },
    async getAssignment(id) {
      const row = await db().selectFrom('assignments').select(['id', 'entry']).where('id', '=', id).executeTakeFirst();
      return row ? Assignment.parse(readJson(row.entry)) : null;
    },
    async listAssignments(filter) {
      let query = db().selectFrom('assignments').select(['assignments.id', 'assignments.entry']);
      if (filter?.traineeId !== undefined) {
        query = query
          .innerJoin('assignment_trainees', 'assignment_trainees.assignment_id', 'assignments.id')
          .where('assignment_trainees.trainee_id', '=', filter.traineeId);
      }
      const rows = await query.orderBy('assignments.created_at', 'desc').orderBy('assignments.id', 'desc').execute();
      return keep(rows, (r) => Assignment.parse(readJson(r.entry)), (r) => `assignment ${r.id}`);
    },

    async savePersonaVersion(input) {
      const v = PersonaVersion.parse(input);
      return transaction(async (trx) => {
        await lockKey(trx, dialect, `sparring persona ${v.personaId} ${v.locale}`);
        const row = await trx
          .selectFrom('persona_versions')
          .select((eb) => eb.fn.max('version').as('latest'))
          .where('persona_id', '=', v.personaId)
          .where('locale', '=', v.locale)
          .executeTakeFirst();
        const latest = row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
        if (latest !== null && v.version <= latest) return { ok: false, code: 'conflict', latest } as const;
        await trx
          .insertInto('persona_versions')
          .values({ persona_id: v.personaId, locale: v.locale, version: v.version, text: v.text, saved_by: v.savedBy, saved_at: v.savedAt })
          .execute();
        return { ok: true } as const;
      });
    },
    async listPersonaVersions(filter) {
      let query = db().selectFrom('persona_versions').selectAll();
      if (filter?.personaId !== undefined) query = query.where('persona_id', '=', filter.personaId);
      const rows = await query.orderBy('seq').execute();
      return keep(
        rows,
        (r) => PersonaVersion.parse({ personaId: r.persona_id, locale: r.locale, version: r.version, text: r.text, savedBy: r.saved_by, savedAt: r.saved_at }),
        (r) => `persona ${r.persona_id} ${r.locale} version ${r.version}`,
      );
    },

    async secret(name, create) {
      const known = await db().selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirst();
      if (known) return known.value;
      // Whoever inserts first wins; everyone then reads the winner's value.
      await db().insertInto('secrets').values({ name, value: create() }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const row = await db().selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },

    async close() {
      if (closed) return;
      closed = true;
      await database.db.destroy();
    },
  };
  return store;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
