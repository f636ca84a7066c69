/**
 * A file of one record per line, only ever added to: users.jsonl, reviews.jsonl,
 * assignments.jsonl, persona-versions.jsonl. Read whole at open and served from memory,
 * each record frozen (frozen.ts); a new record is appended and fsynced (lineFile.ts) before
 * it joins the others.
 *
 * At open each line is checked twice: against the record's zod schema, then by the store's
 * own rule (`accept`: a duplicate id, a version out of sequence…). A line failing either is
 * reported and left out, and the file is rewritten without it at its next change, a copy of
 * the damaged file kept beside it.
 */
import type { z } from 'zod';
import { isCode, messageOf } from './fsErrors.ts';
import { deepFreeze } from './frozen.ts';
import type { HandlePool } from './handlePool.ts';
import { LineFile } from './lineFile.ts';
import { parseLine, readJsonLines, reportTorn, type Report } from './readJsonLines.ts';
import { serialise, type Queued } from './serialise.ts';

/**
 * Checks a record read at open against those accepted before it and, when it is fine,
 * indexes it; answers why it is refused, or null.
 */
export type Accept<T> = (record: T) => string | null;

export class RecordLog<T> implements Queued {
  /** Every record, in file order, frozen. */
  readonly records: T[] = [];
  queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: LineFile) {}

  static async open<T>(path: string, schema: z.ZodType<T>, handles: HandlePool, report: Report, accept: Accept<T>): Promise<RecordLog<T>> {
    const log = new RecordLog<T>(new LineFile(path, handles));
    let read: Awaited<ReturnType<typeof readJsonLines>>;
    try {
      read = await readJsonLines(path);
    } catch (err) {
      if (isCode(err, 'ENOENT')) return log;
      throw new Error(`cannot read ${path}: ${messageOf(err)}`, { cause: err });
    }
    for (const line of read.lines) {
      const record = parseLine(schema, line, path, report);
      const refused = record === null ? 'unreadable' : accept(record);
      if (record !== null && refused !== null) report(path, line.no, refused);
      if (refused === null) log.records.push(deepFreeze(record!));
      else log.file.damaged(true);
    }
    if (read.torn) reportTorn(path, read.torn, report);
    if (read.torn || read.unterminated) log.file.damaged(false);
    return log;
  }

  /**
   * Runs `task` after every other change to this file: a check inside it (is this id
   * taken?) still holds when its `append` runs.
   */
  change<R>(task: () => Promise<R>): Promise<R> {
    return serialise(this, task);
  }

  /** Appends a record and keeps it (frozen); call inside `change`. Rejects, keeping nothing, when the write fails. */
  async append(record: T): Promise<T> {
    const frozen = deepFreeze(record);
    await this.file.append(JSON.stringify(frozen), () => [...this.records, frozen].map((r) => `${JSON.stringify(r)}\n`));
    this.records.push(frozen);
    return frozen;
  }
}
