/**
 * One training session per file, sessions/<id>.jsonl: {"session":…} as created, then one
 * {"turn":…} per turn, then {"end":…} once it ends. This module reads them, at open and
 * when an ended session is asked for again (each bad line reported with its file and line
 * and left out; a session without its record or its opening skipped), and says what a
 * session's file holds, for a rewrite.
 *
 * A garbled line in the middle loses that one turn, not the ones after it: they keep their
 * indexes, so the session shows a gap where the lost turn was (server/domain/turnIndex.ts)
 * and the next turn is appended after the last one. The file is rewritten whole at its next
 * change, a copy of the damaged one kept beside it.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ScoreReport } from '../../scoring/types.ts';
import { Outcome, SessionRecord, StoredTurn } from '../../domain/records.ts';
import { messageOf } from './fsErrors.ts';
import { deepFreeze } from './frozen.ts';
import type { HandlePool } from './handlePool.ts';
import { LineFile } from './lineFile.ts';
import { parseJson, parseLine, readJsonLines, reportTorn, validate, type Line, type Report } from './readJsonLines.ts';
import type { Queued } from './serialise.ts';
import { nextTurnIndex } from '../../domain/turnIndex.ts';

export const SessionEnd = z.object({ endedAt: z.string(), outcome: Outcome, report: ScoreReport });
export type SessionEnd = z.infer<typeof SessionEnd>;

const SessionLine = z.object({ session: SessionRecord });
const TurnLine = z.object({ turn: StoredTurn });
const EndLine = z.object({ end: SessionEnd });

/** Session ids become file names: keep them to characters that are safe everywhere. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A session whole: an open one as the store holds it, or an ended one read back from its
 * file (endedSessions.ts). Every record in it is frozen, so it is handed out as it is.
 */
export interface SessionEntry extends Queued {
  /** The first line, as created: the end lives in `end`, so the file can be rewritten as it was. */
  created: SessionRecord;
  end: SessionEnd | null;
  /** `created` with `end` applied: what getSession answers. */
  record: SessionRecord;
  turns: StoredTurn[];
  file: LineFile;
}

export function sessionFilePath(dir: string, id: string): string {
  return join(dir, `${id}.jsonl`);
}

/** A new session's entry; `created` and `opening` must be the caller's own (parsed) objects, as they are frozen. */
export function newSessionEntry(created: SessionRecord, opening: StoredTurn, file: LineFile): SessionEntry {
  deepFreeze(created);
  return { created, end: null, record: created, turns: [deepFreeze(opening)], file, queue: Promise.resolve() };
}

/** Records the end (frozen) and the record it makes. */
export function applyEnd(entry: SessionEntry, end: SessionEnd): void {
  entry.end = deepFreeze(end);
  entry.record = Object.freeze({ ...entry.created, ...entry.end });
}

/** A session's file content, line by line, each with its newline. */
export function sessionLines(entry: Pick<SessionEntry, 'created' | 'turns' | 'end'>): string[] {
  const lines = [JSON.stringify({ session: entry.created }), ...entry.turns.map((turn) => JSON.stringify({ turn }))];
  if (entry.end) lines.push(JSON.stringify({ end: entry.end }));
  return lines.map((l) => `${l}\n`);
}

/**
 * Reads every session file, handing each usable session to `take` as soon as its batch is
 * read: the caller keeps what it needs of it, and the rest (an ended session's turns) is
 * garbage before the next batch is read.
 */
export async function loadSessions(dir: string, handles: HandlePool, report: Report, take: (entry: SessionEntry) => void): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  // A few files at a time: enough to overlap the reads, never near the open-file limit.
  for (let i = 0; i < names.length; i += 32) {
    const batch = await Promise.all(names.slice(i, i + 32).map((n) => readSession(dir, n, handles, report)));
    for (const entry of batch) if (entry) take(entry);
  }
}

/** One session file (`name` in `dir`), checked line by line; null (reported) when it holds no usable session. */
export async function readSession(dir: string, name: string, handles: HandlePool, report: Report): Promise<SessionEntry | null> {
  const path = join(dir, name);
  let read: Awaited<ReturnType<typeof readJsonLines>>;
  try {
    read = await readJsonLines(path);
  } catch (err) {
    report(path, undefined, `cannot be read (${messageOf(err)}); session skipped`);
    return null;
  }
  const [first, ...rest] = read.lines;
  const head = first ? parseLine(SessionLine, first, path, report) : null;
  if (!head) {
    report(path, undefined, 'has no valid session record on its first line; session skipped');
    return null;
  }
  if (name !== `${head.session.id}.jsonl`) {
    report(path, first!.no, `holds session ${head.session.id}, which belongs in ${head.session.id}.jsonl; session skipped`);
    return null;
  }
  const created = deepFreeze(head.session);
  const entry: SessionEntry = { created, end: null, record: created, turns: [], file: new LineFile(path, handles), queue: Promise.resolve() };
  for (const line of rest) if (!acceptLine(entry, line, report)) entry.file.damaged(true);
  if (read.torn) reportTorn(path, read.torn, report);
  if (read.torn || read.unterminated) entry.file.damaged(false);
  if (entry.turns.length === 0) {
    report(path, undefined, 'has no opening turn; session skipped');
    return null;
  }
  return entry;
}

const gap = (from: number, to: number): string => (from === to ? `turn ${from} is` : `turns ${from} to ${to} are`);

/** Adds one turn or end line to a session being loaded; false (reported) when it is not usable. */
function acceptLine(entry: SessionEntry, line: Line, report: Report): boolean {
  const path = entry.file.path;
  const json = parseJson(line, path, report);
  if (json === undefined) return false;
  const has = (key: string) => typeof json === 'object' && json !== null && key in json;
  if (has('turn')) {
    const parsed = validate(TurnLine, json, line, path, report);
    if (!parsed) return false;
    const due = nextTurnIndex(entry.turns);
    if (parsed.turn.index < due) {
      report(path, line.no, `turn ${parsed.turn.index} where turn ${due} was due; line ignored`);
      return false;
    }
    // A turn before it was lost (a garbled line): this one and those after it are still served.
    if (parsed.turn.index > due) report(path, line.no, `turn ${parsed.turn.index} follows turn ${due - 1}: ${gap(due, parsed.turn.index - 1)} missing`);
    entry.turns.push(deepFreeze(parsed.turn));
    return true;
  }
  if (has('end')) {
    const parsed = validate(EndLine, json, line, path, report);
    if (!parsed) return false;
    if (entry.end || entry.created.endedAt !== null) {
      report(path, line.no, 'the session had already ended; line ignored');
      return false;
    }
    applyEnd(entry, parsed.end);
    return true;
  }
  report(path, line.no, has('session') ? 'a second session record; line ignored' : 'neither a turn nor an end; line ignored');
  return false;
}
