/**
 * The persona catalogue (server/personas/personaCatalog.ts): the files at their `version:`
 * plus the versions saved in the store; the live version is the highest valid one, old
 * versions stay findable for the sessions that began with them, and a version saved through
 * one store handle (one server process) counts for a catalogue over another, for the file
 * store and for the real Redis (127.0.0.1:6379 or SPARRING_TEST_REDIS_URL, database 14,
 * under a key prefix of its own, deleted after).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { writeTopLevelNumber } from '../../server/dataFiles/yamlField.ts';
import { loadPersonaCatalog, type PersonaVersionReader } from '../../server/personas/personaCatalog.ts';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { openFileSessionStore } from '../../server/store/fileSessionStore.ts';
import type { PersonaVersion } from '../../server/domain/records.ts';
import { openRedisSessionStore } from '../../server/store/redisSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { redisAvailable, requireOrSkip } from '../support/services.ts';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';

const SOURCE = readFileSync(join(PERSONAS_DIR, 'double-charge', 'en.yaml'), 'utf8');
const at = (version: number): string => writeTopLevelNumber(SOURCE, 'version', version)!;
const BROKEN = at(3).replace('difficulty: easy', 'difficulty: eazy');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A personas/ folder: double-charge (en) at version 2, and a broken file. */
function personasDir(): string {
  const dir = tempDir('sparring-personas-');
  mkdirSync(join(dir, 'double-charge'));
  writeFileSync(join(dir, 'double-charge', 'en.yaml'), at(2));
  mkdirSync(join(dir, 'broken-one'));
  writeFileSync(join(dir, 'broken-one', 'en.yaml'), BROKEN.replace('id: double-charge', 'id: broken-one'));
  return dir;
}

const saved = (version: number, text = at(version)): PersonaVersion => ({
  personaId: 'double-charge',
  locale: 'en',
  version,
  text,
  savedBy: 'quinn',
  savedAt: new Date().toISOString(),
});

describe('the catalogue of files and saved versions', () => {
  const noStore: PersonaVersionReader = { listPersonaVersions: async () => [] };

  it('serves each file at the version it states, and lists a broken file with its problems by line', async () => {
    const catalogue = loadPersonaCatalog(personasDir());
    await catalogue.refresh(noStore);
    expect(catalogue.personas.map((p) => `${p.id}/${p.locale}@${p.version}`)).toEqual(['double-charge/en@2']);
    const [broken] = catalogue.versions('broken-one', 'en');
    expect(broken).toMatchObject({ version: 3, source: 'file', persona: null });
    expect(broken!.problems).toEqual([expect.objectContaining({ field: 'difficulty', line: expect.any(Number) })]);
    expect(broken!.text.split('\n')[broken!.problems[0]!.line! - 1]).toBe('difficulty: eazy');
  });

  it('takes the highest valid version as live, and keeps the older ones findable', async () => {
    const catalogue = loadPersonaCatalog(personasDir());
    const versions = [saved(3), saved(4, BROKEN.replace('version: 3', 'version: 4'))];
    await catalogue.refresh({ listPersonaVersions: async () => versions });
    expect(catalogue.live('double-charge', 'en')?.version).toBe(3);
    expect(catalogue.latest('double-charge', 'en')).toMatchObject({ version: 4, source: 'saved', persona: null, savedBy: 'quinn' });
    expect(catalogue.versions('double-charge', 'en').map((v) => [v.version, v.source])).toEqual([
      [4, 'saved'],
      [3, 'saved'],
      [2, 'file'],
    ]);
    expect(catalogue.findVersion('double-charge', 'en', 2)?.version).toBe(2);
    expect(catalogue.findVersion('double-charge', 'en', 3)?.version).toBe(3);
    expect(catalogue.findVersion('double-charge', 'en', 4)).toBeUndefined();
    expect(catalogue.findVersion('double-charge', 'en', 9)).toBeUndefined();
  });

  it('refuses a stored text that says another version than it is stored as', async () => {
    const catalogue = loadPersonaCatalog(personasDir());
    await catalogue.refresh({ listPersonaVersions: async () => [saved(3, at(7))] });
    expect(catalogue.live('double-charge', 'en')?.version).toBe(2);
    expect(catalogue.latest('double-charge', 'en')?.problems).toEqual([expect.objectContaining({ field: 'version' })]);
  });

  it('reads the whole store at most once per maxAgeMs, and one persona every time', async () => {
    const catalogue = loadPersonaCatalog(personasDir());
    const calls: Array<{ personaId?: string } | undefined> = [];
    const store: PersonaVersionReader = {
      listPersonaVersions: async (filter) => {
        calls.push(filter);
        return [];
      },
    };
    await Promise.all([catalogue.refresh(store, { maxAgeMs: 60_000 }), catalogue.refresh(store, { maxAgeMs: 60_000 })]);
    await catalogue.refresh(store, { maxAgeMs: 60_000 });
    await catalogue.refresh(store, { personaId: 'double-charge' });
    await catalogue.refresh(store, { personaId: 'double-charge' });
    expect(calls).toEqual([undefined, { personaId: 'double-charge' }, { personaId: 'double-charge' }]);
  });
});

/** Two handles on one store, as two server processes have; `second` is null when it is the same handle. */
function sharedStoreContract(open: () => Promise<{ first: SessionStore; second: SessionStore; cleanup(): Promise<void> }>): void {
  let opened: Awaited<ReturnType<typeof open>> | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  it('a version saved through one handle is live in a catalogue over the other at its next refresh', async () => {
    opened = await open();
    const { first, second } = opened;
    const dir = personasDir();
    const here = loadPersonaCatalog(dir);
    const there = loadPersonaCatalog(dir);
    await here.refresh(first);
    await there.refresh(second);
    expect(there.live('double-charge', 'en')?.version).toBe(2);

    expect(await first.savePersonaVersion(saved(3))).toEqual({ ok: true });
    here.addSaved(saved(3));
    await there.refresh(second, { personaId: 'double-charge' });
    expect(there.live('double-charge', 'en')?.version).toBe(3);
    expect(there.findVersion('double-charge', 'en', 2)?.version).toBe(2);
    expect(there.latest('double-charge', 'en')).toMatchObject({ source: 'saved', savedBy: 'quinn' });

    // A third process started afterwards sees it with its first whole read.
    const later = loadPersonaCatalog(dir);
    await later.refresh(second);
    expect(later.live('double-charge', 'en')?.version).toBe(3);
  });
}

describe('over the file store', () => {
  sharedStoreContract(async () => {
    const dataDir = tempDir('sparring-catalogue-');
    const store = await openFileSessionStore(dataDir);
    return { first: store, second: store, cleanup: () => store.close() };
  });
});

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const DATABASE = 14;
const RUN = `sparring-test:catalogue:${process.pid}-${Date.now().toString(36)}`;
const redis = requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`);
let prefixes = 0;

const deleteKeys = (prefix: string): Promise<void> => deleteKeysUnder(prefix, REDIS_URL, DATABASE);

describe.skipIf(!redis)('over Redis, from two connections', () => {
  afterAll(() => deleteKeys(`${RUN}:`));
  sharedStoreContract(async () => {
    const keyPrefix = `${RUN}:${++prefixes}:`;
    const first = await openRedisSessionStore(REDIS_URL, { database: DATABASE, keyPrefix });
    const second = await openRedisSessionStore(REDIS_URL, { database: DATABASE, keyPrefix });
    return {
      first,
      second,
      cleanup: async () => {
        await first.close();
        await second.close();
        await deleteKeys(keyPrefix);
      },
    };
  });
});
