/**
 * Whole files that appear complete or not at all: written under a temporary name, fsynced,
 * then renamed or linked into place and the directory fsynced. Also what keeps DATA_DIR
 * tidy around them: the leftovers of a write cut short, a copy of a damaged file before it
 * is replaced, a probe that the directory can be written at all.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FILE_MODE } from './fileModes.ts';

const TEMP_FILE = /\.tmp-\d+-[0-9a-f]{8}$/;

/**
 * Writes a whole file under a temporary name, fsyncs it, then moves it into place: renamed
 * over an existing file (`replace`), or linked so that an existing one is refused (EEXIST).
 * Then fsyncs the directory, so the new name itself survives a power cut.
 */
export async function writeWhole(path: string, content: string, how: { replace: boolean }): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (how.replace) await rename(temp, path);
    else await link(temp, path);
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
  await syncDirectory(dirname(path));
}

/** Makes a new name in `dir` survive a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
  // Not every platform lets a directory be opened and fsynced (Windows); there the rename
  // is as durable as the platform makes it.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/** Keeps `<file>.damaged-<time>` beside a damaged file before it is replaced: a person may want to repair it. */
export async function keepCopy(path: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const copy = `${path}.damaged-${stamp}`;
  // A copy takes its original's mode: one made before files were 0600 would stay readable.
  await copyFile(path, copy, constants.COPYFILE_EXCL)
    .then(() => chmod(copy, FILE_MODE))
    .catch(() => {});
}

/** Leftovers of writes cut short between the temporary file and its rename: never data. */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (TEMP_FILE.test(name)) await rm(join(dir, name), { force: true });
}

/** Fails at open, with the reason, when the directory cannot be written: better than at the first turn. */
export async function probeWritable(dir: string): Promise<void> {
  const probe = join(dir, `.probe.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(probe, 'wx', FILE_MODE);
  await handle.close();
  await rm(probe, { force: true });
}
