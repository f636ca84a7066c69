/**
 * Copies every record from one store into another, through the SessionStore interface only:
 * what `sparring migrate` does to bring the records of an older version (the files in
 * DATA_DIR, or Redis) into SQL. Safe to run twice, or after a copy that stopped midway: what
 * the target already has is skipped, a session copied in part gets its missing turns and its
 * end. Then every source record is looked up in the target, and what is missing is named.
 * The source is only read. Secrets are not copied (reading one through the interface could
 * create it in the source): the target makes its own token key, so everyone signs in again.
 */
import type { SessionRecord } from '../domain/records.ts';
import type { SessionStore } from './sessionStore.ts';

export const RECORD_KINDS = ['users', 'sessions', 'turns', 'reviews', 'assignments', 'personaVersions'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface CopyCount {
  /** In the source. */
  found: number;
  copied: number;
  /** Already in the target. */
  skipped: number;
}

export interface CopySummary {
  counts: Record<RecordKind, CopyCount>;
  /** Source records not found in the target afterwards (none when the copy is whole). */
  missing: string[];
}

export async function copyRecords(from: SessionStore, to: SessionStore): Promise<CopySummary> {
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, { found: 0, copied: 0, skipped: 0 }])) as Record<RecordKind, CopyCount>;
  const tally = (kind: RecordKind, copied: boolean) => {
    counts[kind].found++;
    counts[kind][copied ? 'copied' : 'skipped']++;
  };
  const missing: string[] = [];

  const users = await from.listUsers();
  for (const user of users) tally('users', await to.createUser(user));

  const summaries = await from.listSessions();
  for (const summary of summaries) {
    const source = await from.getSession(summary.id);
    if (!source) continue;
    const [opening, ...rest] = source.turns;
    if (!opening) {
      missing.push(`session ${summary.id}: has no turns in the source; not copied`);
      continue;
    }
    const existing = await to.getSession(summary.id);
    if (existing) {
      tally('sessions', false);
    } else {
      // Stored open, so that a copy stopping midway is finished by the next run; ended below.
      const open: SessionRecord = { ...source.session, endedAt: null, outcome: null, report: null };
      await to.createSession(open, opening);
      tally('sessions', true);
    }
    counts.turns.found++;
    counts.turns[existing ? 'skipped' : 'copied']++;
    for (const turn of rest) {
      // A turn the source lost to damage stays a gap: the later turns keep their indexes.
      const result = await to.appendTurn(summary.id, turn, { keepGap: true });
      tally('turns', result.ok);
      if (!result.ok && result.code !== 'exists') missing.push(`session ${summary.id} turn ${turn.index}: ${result.code}`);
    }
    const { endedAt, outcome, report } = source.session;
    if (endedAt !== null && outcome !== null && report !== null) await to.endSession(summary.id, { endedAt, outcome, report });

    const known = new Set((await to.listReviews(summary.id)).map((r) => r.id));
    for (const review of await from.listReviews(summary.id)) {
      if (known.has(review.id)) tally('reviews', false);
      else tally('reviews', await to.addReview(review));
    }
  }

  for (const assignment of (await from.listAssignments()).reverse()) {
    if (await to.getAssignment(assignment.id)) {
      tally('assignments', false);
      continue;
    }
    await to.createAssignment(assignment);
    tally('assignments', true);
  }

  // Oldest first: each persona's numbers only go up.
  for (const version of await from.listPersonaVersions()) tally('personaVersions', (await to.savePersonaVersion(version)).ok);

  missing.push(...(await findMissing(from, to)));
  return { counts, missing };
}

/** Each source record the target lacks, named; a session whose target copy differs counts as missing. */
async function findMissing(from: SessionStore, to: SessionStore): Promise<string[]> {
  const missing: string[] = [];
  for (const user of await from.listUsers()) if (!(await to.getUser(user.id))) missing.push(`user ${user.username}`);
  for (const summary of await from.listSessions()) {
    const [source, target] = [await from.getSession(summary.id), await to.getSession(summary.id)];
    if (!source) continue;
    if (!target) {
      missing.push(`session ${summary.id}`);
      continue;
    }
    if (JSON.stringify(target.turns.map((t) => t.index)) !== JSON.stringify(source.turns.map((t) => t.index))) missing.push(`session ${summary.id}: turns differ`);
    if (target.session.endedAt !== source.session.endedAt) missing.push(`session ${summary.id}: its end differs`);
    const reviews = new Set((await to.listReviews(summary.id)).map((r) => r.id));
    for (const review of await from.listReviews(summary.id)) if (!reviews.has(review.id)) missing.push(`review ${review.id} of session ${summary.id}`);
  }
  for (const assignment of await from.listAssignments()) if (!(await to.getAssignment(assignment.id))) missing.push(`assignment ${assignment.id}`);
  const versions = new Set((await to.listPersonaVersions()).map((v) => `${v.personaId} ${v.locale} ${v.version}`));
  for (const v of await from.listPersonaVersions()) {
    const key = `${v.personaId} ${v.locale} ${v.version}`;
    if (!versions.has(key)) missing.push(`persona version ${key}`);
  }
  return missing;
}
