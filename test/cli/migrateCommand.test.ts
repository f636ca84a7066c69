/**
 * `sparring migrate` (server/cli/migrateCommand.ts, server/store/copyRecords.ts): records an
 * older version kept in a DATA_DIR's files, or in Redis, copied into SQLite; every record
 * arrives and a session replays the same; a second run copies nothing and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../bench/load/benchRedis.ts';
import { openFileSessionStore } from '../../server/store/fileSessionStore.ts';
import { openRedisSessionStore } from '../../server/store/redisSessionStore.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { openSqliteSessionStore } from '../../server/store/sqlSessionStore.ts';
import { runCli } from '../support/runCli.ts';
import { redisAvailable, requireOrSkip } from '../support/services.ts';
import { aComment, anAssignment, anEnd, anOverride, aPersonaVersion, aSession, aTurn, aUser } from '../store/sessionStore.contract.ts';

const REDIS_URL = process.env.SPARRING_TEST_REDIS_URL || 'redis://127.0.0.1:6379/12';
const redisRuns = requireOrSkip(await redisAvailable(REDIS_URL), `Redis at ${REDIS_URL}`);

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-migrate-'));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Two users, an ended session with a review, an open one, an assignment and two persona versions. */
async function populate(store: SessionStore): Promise<void> {
  await store.createUser(aUser({ username: 'mei', createdAt: '2025-01-01T00:00:00.000Z' }));
  await store.createUser(aUser({ username: 'lin', role: 'coach', createdAt: '2025-01-02T00:00:00.000Z' }));
  const ended = aSession({ startedAt: '2025-03-01T09:00:00.000Z', assignmentId: 'a-1' });
  await store.createSession(ended, aTurn(0));
  for (const i of [1, 2, 3]) await store.appendTurn(ended.id, aTurn(i));
  await store.endSession(ended.id, anEnd({ overall: 71 }));
  await store.addReview(aComment(ended.id));
  await store.addReview(anOverride(ended.id));
  const open = aSession({ startedAt: '2025-03-02T09:00:00.000Z', tryout: true });
  await store.createSession(open, aTurn(0));
  await store.appendTurn(open.id, aTurn(1));
  await store.createAssignment(anAssignment({ id: 'a-1', traineeIds: ['trainee-1', 'trainee-2'] }));
  await store.savePersonaVersion(aPersonaVersion({ version: 2 }));
  await store.savePersonaVersion(aPersonaVersion({ version: 3 }));
}

/** Everything a store holds, in its own order, for comparing two stores. */
async function contents(store: SessionStore): Promise<unknown> {
  const sessions = await store.listSessions();
  return {
    users: await store.listUsers(),
    sessions,
    replays: await Promise.all(sessions.map(async (s) => ({ ...(await store.getSession(s.id)), reviews: await store.listReviews(s.id) }))),
    assignments: await store.listAssignments(),
    assigned: await store.listAssignments({ traineeId: 'trainee-2' }),
    personaVersions: await store.listPersonaVersions(),
    open: await store.countOpenSessions('trainee-1'),
  };
}

async function sqliteContents(dataDir: string): Promise<unknown> {
  const store = await openSqliteSessionStore(dataDir);
  try {
    return await contents(store);
  } finally {
    await store.close();
  }
}

describe('sparring migrate', () => {
  it('copies a DATA_DIR of files into SQLite in the same DATA_DIR, verifies it, and copies nothing the second time', async () => {
    const dataDir = await tempDir();
    const files = await openFileSessionStore(dataDir);
    await populate(files);
    const expected = await contents(files);
    await files.close();

    const first = await runCli(['migrate', '--from-data-dir', dataDir], { env: { DATA_DIR: dataDir, DATABASE_URL: '' } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/users\s+2 found,\s+2 copied,\s+0 already there/);
    expect(first.stdout).toMatch(/sessions\s+2 found,\s+2 copied/);
    expect(first.stdout).toMatch(/turns\s+6 found,\s+6 copied/);
    expect(first.stdout).toMatch(/reviews\s+2 found,\s+2 copied/);
    expect(first.stdout).toMatch(/persona versions\s+2 found,\s+2 copied/);
    expect(first.stdout).toContain('verified: every record of the source is in the target');
    expect(await sqliteContents(dataDir)).toEqual(expected);

    const second = await runCli(['migrate', '--from-data-dir', dataDir], { env: { DATA_DIR: dataDir, DATABASE_URL: '' } });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/sessions\s+2 found,\s+0 copied,\s+2 already there/);
    expect(second.stdout).toMatch(/turns\s+6 found,\s+0 copied,\s+6 already there/);
    expect(second.stdout).toContain('verified');
    expect(await sqliteContents(dataDir)).toEqual(expected);
  }, 120_000);

  it('says what is wrong with its command line', async () => {
    const neither = await runCli(['migrate'], { env: { DATA_DIR: await tempDir() } });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/^sparring migrate: give one of --from-data-dir or --from-redis/);
    const notRedis = await runCli(['migrate', '--from-redis', 'localhost:6379'], { env: { DATA_DIR: await tempDir() } });
    expect(notRedis.code).toBe(2);
    expect(notRedis.stderr).toMatch(/--from-redis: must be a redis:\/\/ or rediss:\/\/ URL/);
  }, 60_000);

  it.skipIf(!redisRuns)('copies the records kept in Redis (under a key prefix) into SQLite, twice safely', async () => {
    const prefix = `sparring-test-migrate-${randomUUID().slice(0, 8)}:`;
    const redis = await openRedisSessionStore(REDIS_URL, { keyPrefix: prefix });
    try {
      await populate(redis);
      const expected = await contents(redis);
      const dataDir = await tempDir();
      const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      const first = await runCli(['migrate', '--from-redis', REDIS_URL, '--redis-prefix', prefix], { env });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('verified: every record of the source is in the target');
      expect(await sqliteContents(dataDir)).toEqual(expected);
      const second = await runCli(['migrate', '--from-redis', REDIS_URL, '--redis-prefix', prefix], { env });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/users\s+2 found,\s+0 copied,\s+2 already there/);
      expect(await sqliteContents(dataDir)).toEqual(expected);
    } finally {
      await redis.close();
      await deleteKeysUnder(prefix, REDIS_URL);
    }
  }, 120_000);
});
