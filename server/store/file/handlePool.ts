/**
 * The append handles the file store keeps open, so that a turn costs one write and one
 * fsync instead of an open, a stat, a write, an fsync and a close. Bounded: past `limit`,
 * the least recently used handle not in use is closed, and opened again when next needed.
 *
 * Calls for one path must not overlap: the store runs each file's writes one at a time
 * (serialise.ts), so a handle is never opened twice nor closed under a write.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { FILE_MODE } from './fileModes.ts';
import { dirname } from 'node:path';
import { syncDirectory } from './durableWrite.ts';

export interface AppendHandle {
  readonly handle: FileHandle;
  /** The file's length in bytes, read once at open and kept by the writer: where a failed write is cut back to. */
  size: number;
}

interface Held extends AppendHandle {
  busy: boolean;
}

export class HandlePool {
  /** In order of use, least recent first (a Map keeps insertion order; a use re-inserts). */
  private readonly held = new Map<string, Held>();
  private readonly closing = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** How many handles are open now. */
  get size(): number {
    return this.held.size;
  }

  /** Runs `write` with the file's append handle, opening the file (created if missing) when it is not open. */
  async use<T>(path: string, write: (h: AppendHandle) => Promise<T>): Promise<T> {
    let held = this.held.get(path);
    if (held) this.held.delete(path);
    else held = await openForAppend(path);
    this.held.set(path, held);
    held.busy = true;
    this.trim();
    try {
      return await write(held);
    } finally {
      held.busy = false;
    }
  }

  /** Closes the file's handle if open: its session ended, or the file is replaced or suspect. */
  async release(path: string): Promise<void> {
    const held = this.held.get(path);
    if (!held) return;
    this.held.delete(path);
    await held.handle.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    const all = [...this.held.values()];
    this.held.clear();
    await Promise.all([...all.map((h) => h.handle.close().catch(() => {})), ...this.closing]);
  }

  private trim(): void {
    for (const [path, held] of this.held) {
      if (this.held.size <= this.limit) return;
      if (held.busy) continue;
      this.held.delete(path);
      const closed = held.handle.close().catch(() => {});
      this.closing.add(closed);
      void closed.then(() => this.closing.delete(closed));
    }
  }
}

async function openForAppend(path: string): Promise<Held> {
  const handle = await open(path, 'a', FILE_MODE);
  try {
    const { size } = await handle.stat();
    // An empty file may have just been created by this open (the first review, the first
    // user): its name must be as durable as the line about to be written into it.
    if (size === 0) await syncDirectory(dirname(path));
    return { handle, size, busy: false };
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
