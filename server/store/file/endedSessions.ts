/**
 * The sessions that have ended, as the file store (fileSessionStore.ts) holds them: in
 * memory, only what listing and counting need, each one's SessionSummary. The record with its
 * report and the turns with their scores stay in sessions/<id>.jsonl, complete and fsynced
 * since the end, and are read back, checked as at open, when the session is asked for. The
 * last few read are kept whole, so a coach paging through a replay reads the file once.
 *
 * So a centre that runs for months holds a summary for each session it ever ran (a few
 * hundred bytes), not a transcript and a report (tens of kilobytes).
 */
import { summarize, type SessionRecord, type SessionSummary, type StoredTurn } from '../../domain/records.ts';
import type { AppendResult } from '../sessionStore.ts';
import { deepFreeze } from './frozen.ts';
import type { HandlePool } from './handlePool.ts';
import { LruCache } from './lruCache.ts';
import { reportInto } from './readJsonLines.ts';
import { serialise, type Queued } from './serialise.ts';
import { readSession, sessionFilePath, sessionLines, type SessionEntry } from './sessionFiles.ts';
import { nextTurnIndex, turnAt } from '../../domain/turnIndex.ts';

/** Ended sessions kept whole after a read: a few coaches reading replays at once, and each session just ended. */
const KEPT_WHOLE = 64;

export class EndedSessions implements Queued {
  /** Never handed out: callers get copies (summary). */
  private readonly summaries = new Map<string, SessionSummary>();
  /** A promise, so that two reads of one session at once read its file once. */
  private readonly recent = new LruCache<string, Promise<SessionEntry>>(KEPT_WHOLE);
  /** Turns appended after the end (a trainee's late retry): rare, so one queue serves them all. */
  queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly handles: HandlePool,
  ) {}

  /** How many ended sessions are held, as summaries. */
  get size(): number {
    return this.summaries.size;
  }

  /** How many of them are also held whole, having been read back or just ended. */
  get keptWhole(): number {
    return this.recent.size;
  }

  has(id: string): boolean {
    return this.summaries.has(id);
  }

  ids(): IterableIterator<string> {
    return this.summaries.keys();
  }

  /** The session's summary, the caller's own copy; undefined when it is not an ended session held here. */
  summary(id: string): SessionSummary | undefined {
    const held = this.summaries.get(id);
    return held && { ...held, criteria: held.criteria && { ...held.criteria } };
  }

  /** Holds an ended session (found at open, or created ended) by its summary alone. */
  add(record: SessionRecord): void {
    this.summaries.set(record.id, summarize(record));
  }

  /** Holds a session that has just ended, kept whole for a while too: its report is about to be shown. */
  addJustEnded(entry: SessionEntry): void {
    this.add(entry.record);
    this.recent.set(entry.record.id, Promise.resolve(entry));
  }

  /** The whole session, read back from its file unless kept; null when it is not an ended session held here. */
  async read(id: string): Promise<{ session: SessionRecord; turns: StoredTurn[] } | null> {
    if (!this.summaries.has(id)) return null;
    let pending = this.recent.get(id);
    if (!pending) {
      const reading = this.load(id);
      // A file that could not be read is tried afresh next time.
      reading.catch(() => this.recent.delete(id));
      this.recent.set(id, reading);
      pending = reading;
    }
    const entry = await pending;
    // The records are frozen: only the array is the caller's own.
    return { session: entry.record, turns: entry.turns.slice() };
  }

  /**
   * Appends a turn to an ended session, which the store has always allowed: the end does not
   * seal the transcript, and a late retry of a turn finds it stored. Reads the file afresh
   * inside the queue, so the index check holds when the line is written.
   */
  appendTurn(id: string, turn: StoredTurn): Promise<AppendResult> {
    return serialise(this, async (): Promise<AppendResult> => {
      const entry = await this.load(id);
      const existing = turnAt(entry.turns, turn.index);
      if (existing) return { ok: false, code: 'exists', existing };
      const next = nextTurnIndex(entry.turns);
      if (turn.index !== next) return { ok: false, code: 'out_of_order', next };
      // Whatever a read started from here on finds, the entry set below replaces it.
      this.recent.delete(id);
      await entry.file.append(JSON.stringify({ turn }), () => sessionLines({ ...entry, turns: [...entry.turns, turn] }));
      entry.turns.push(deepFreeze(turn));
      await entry.file.release();
      this.recent.set(id, Promise.resolve(entry));
      return { ok: true };
    });
  }

  /** Reads the session's file afresh; rejects when it no longer holds the ended session listed. */
  private async load(id: string): Promise<SessionEntry> {
    // Damage already found at open is found again here: it was reported then, and the rest is
    // served as it was. Only a file changed since then fails, and says why.
    const problems: string[] = [];
    const entry = await readSession(this.dir, `${id}.jsonl`, this.handles, reportInto(problems));
    if (entry && entry.record.endedAt !== null) return entry;
    const why = problems.length > 0 ? problems.join('; ') : 'the session in it has not ended';
    throw new Error(`session ${id} ended, but ${sessionFilePath(this.dir, id)} no longer holds it as it did: ${why}`);
  }
}
