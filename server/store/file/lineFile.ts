/**
 * One file of whole JSON lines that the file store appends to: the durable append, and the
 * whole-file replacement it falls back on when the file holds damage.
 *
 * An append is one write of a whole line, then fdatasync (the data and the file's length),
 * before its promise resolves. A write that fails (disk full…) is cut back to the last whole
 * line; if even that fails, the next write replaces the file whole from memory. So no half
 * line is ever left for a later read to take for a whole one.
 */
import { keepCopy, writeWhole } from './durableWrite.ts';
import type { HandlePool } from './handlePool.ts';

export class LineFile {
  /** Set when the file holds a torn or bad line, or a failed write could not be cut back: its next write replaces it whole. */
  rewrite = false;
  /** Set when a line other than the last was bad: a copy is kept before the first rewrite. */
  keepOriginal = false;

  constructor(
    readonly path: string,
    private readonly handles: HandlePool,
  ) {}

  /** Marks damage found at open; `beforeTheEnd` when it is not just the last line. */
  damaged(beforeTheEnd: boolean): void {
    this.rewrite = true;
    if (beforeTheEnd) this.keepOriginal = true;
  }

  /**
   * Appends one line (without its newline). When the file must be rewritten, replaces it
   * with `all()` instead: every line, the new one included, each ending in a newline.
   */
  async append(line: string, all: () => string[]): Promise<void> {
    if (this.rewrite) return this.replace(all().join(''));
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      await this.handles.use(this.path, async (h) => {
        try {
          const { bytesWritten } = await h.handle.write(bytes, 0, bytes.length);
          if (bytesWritten !== bytes.length) throw new Error(`${this.path}: short write (${bytesWritten} of ${bytes.length} bytes; disk full?)`);
          await h.handle.datasync();
          h.size += bytes.length;
        } catch (err) {
          await h.handle
            .truncate(h.size)
            .then(() => h.handle.datasync())
            .catch(() => {
              this.rewrite = true;
            });
          throw err;
        }
      });
    } catch (err) {
      // The handle itself may be what failed (a device gone, a file replaced under it): the
      // next append opens the file afresh.
      await this.handles.release(this.path);
      throw err;
    }
  }

  /** Replaces the file whole (kept open handles point at the old one, so they are closed first). */
  async replace(content: string): Promise<void> {
    await this.handles.release(this.path);
    if (this.keepOriginal) await keepCopy(this.path);
    await writeWhole(this.path, content, { replace: true });
    this.rewrite = this.keepOriginal = false;
  }

  /** Closes the kept handle: nothing more will be appended soon (the session ended). */
  release(): Promise<void> {
    return this.handles.release(this.path);
  }
}
