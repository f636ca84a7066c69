/**
 * Makes sure DATA_DIR exists and can be written before the file store opens it, so a
 * read-only or mistyped directory stops the start with a line naming DATA_DIR, not with
 * the first failed write of a trainee's turn.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DIR_MODE, FILE_MODE } from '../store/file/fileModes.ts';
import { StartupError, shortReason } from './startupError.ts';

export function checkDataDir(dataDir: string): void {
  const where = resolve(dataDir);
  try {
    mkdirSync(where, { recursive: true, mode: DIR_MODE });
    const probe = join(where, `.write-check-${process.pid}`);
    writeFileSync(probe, '', { mode: FILE_MODE });
    rmSync(probe);
  } catch (err) {
    throw new StartupError(`DATA_DIR=${dataDir}: cannot write there (${shortReason(err)})`);
  }
}
