/**
 * secrets.json: { name: value }, mode 0600, replaced whole when a secret is added. Read
 * afresh inside one queue per file in this process, so two stores opened on one DATA_DIR
 * (tests, a CLI beside the server) still agree on each value.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { keepCopy, writeWhole } from './durableWrite.ts';
import { isCode } from './fsErrors.ts';
import type { Report } from './readJsonLines.ts';
import { serialise, type Queued } from './serialise.ts';

const Secrets = z.record(z.string(), z.string());

/** Reports, at open, a secrets file that is damaged or that others can read. */
export async function checkSecretsFile(path: string, report: Report): Promise<void> {
  const { damaged, mode } = await readSecrets(path);
  if (damaged) report(path, undefined, `${damaged}; a copy is kept and secrets are created afresh when next needed`);
  if (mode !== null && (mode & 0o077) !== 0) report(path, undefined, `readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
}

/** The stored value of `name`, created with `create` and stored first when there is none. */
export function storedSecret(path: string, name: string, create: () => string): Promise<string> {
  return serialise(secretsQueue(path), async () => {
    const { values, damaged } = await readSecrets(path);
    const stored = values[name];
    if (stored !== undefined) return stored;
    const created = create();
    if (damaged) await keepCopy(path);
    await writeWhole(path, `${JSON.stringify({ ...values, [name]: created }, null, 2)}\n`, { replace: true });
    return created;
  });
}

async function readSecrets(path: string): Promise<{ values: Record<string, string>; damaged: string | null; mode: number | null }> {
  let text: string;
  let mode: number;
  try {
    [text, { mode }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return { values: {}, damaged: null, mode: null };
    throw err;
  }
  try {
    const parsed = Secrets.safeParse(JSON.parse(text));
    if (parsed.success) return { values: parsed.data, damaged: null, mode };
    return { values: {}, damaged: 'not a JSON object of strings', mode };
  } catch {
    return { values: {}, damaged: 'not valid JSON', mode };
  }
}

const secretQueues = new Map<string, Queued>();
function secretsQueue(path: string): Queued {
  let q = secretQueues.get(path);
  if (!q) secretQueues.set(path, (q = { queue: Promise.resolve() }));
  return q;
}
