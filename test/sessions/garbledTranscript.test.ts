/**
 * One garbled line in the middle of a session file of the older file store (a bad sector, a
 * hand edit), brought into SQL with `sparring migrate`: the command names the line, and the
 * server then shows every turn that could be read, before and after it, each with its own
 * index (a gap where the lost turn was), and the conversation goes on after the last turn.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { SessionResumeOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { copyRecords } from '../../server/store/copyRecords.ts';
import { openFileSessionStore } from '../../server/store/fileSessionStore.ts';
import { openSqliteSessionStore } from '../../server/store/sqlSessionStore.ts';
import { captureLog } from '../support/logCapture.ts';
import { runCli } from '../support/runCli.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestClient } from '../support/testServer.ts';
import { connect, nextCustomerSay, say, startSession } from '../support/trainee.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-garbled-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

it('serves the turns around a garbled middle line, names the line when migrated, and goes on after the last turn', async () => {
  // A conversation of seven turns (0 to 6), held as the file store held it.
  const first = await startTestServer({ dataDir: await tempDir() });
  const trainee = await first.user('trainee');
  const socket = await first.connect(trainee.token);
  const { sessionId } = await startSession(socket, 'double-charge', 'en');
  await say(socket, sessionId, 'I am so sorry you were charged twice.');
  await say(socket, sessionId, 'Could you tell me the date of the second charge?');
  await say(socket, sessionId, 'Thank you. I can see both charges on the 3rd of May.');
  await first.close();
  const oldDir = await tempDir();
  const [sql, files] = await Promise.all([openSqliteSessionStore(first.dataDir), openFileSessionStore(oldDir)]);
  await copyRecords(sql, files);
  await Promise.all([sql.close(), files.close()]);

  // Turn 3 (the file's fifth line) garbled.
  const file = join(oldDir, 'sessions', `${sessionId}.jsonl`);
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  expect(JSON.parse(lines[4]!).turn.index).toBe(3);
  lines[4] = `${lines[4]!.slice(0, 40)}\u0000\u0000garbage`;
  await writeFile(file, `${lines.join('\n')}\n`);

  const dataDir = await tempDir();
  const migrated = await runCli(['migrate', '--from-data-dir', oldDir], { env: { DATA_DIR: dataDir, DATABASE_URL: '' } });
  expect(migrated.code, migrated.stderr).toBe(0);
  expect(migrated.stderr).toContain(`${file}:5: not valid JSON; line ignored`);
  expect(migrated.stderr).toContain(`${file}:6: turn 4 follows turn 2: turn 3 is missing`);

  const log = captureLog();
  const server: RunningServer = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SPARRING_ADMIN_PASSWORD: 'garbled-admin-password' }, { logDestination: log.destination });
  cleanup.push(() => server.close());
  const url = server.url.replace('localhost', '127.0.0.1');

  const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: trainee.username, password: trainee.password }) });
  const { token } = (await login.json()) as { token: string };
  const again: TestClient = await connect(url, token);
  cleanup.push(async () => again.disconnect());

  const resumed = SessionResumeOk.parse(await call(again, 'session:resume', { sessionId }));
  expect(resumed.turns.map((t) => t.index)).toEqual([0, 1, 2, 4, 5, 6]);
  // A send with the lost index is refused with the index to use; the next turn follows the last one.
  expect(await call(again, 'trainee:say', { sessionId, text: 'Resent.', index: 3 })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'the next index is 7, not 3' } });
  const reply = nextCustomerSay(again, sessionId);
  expect(TraineeSayOk.parse(await call(again, 'trainee:say', { sessionId, text: 'I will refund the second charge today.', index: 7 })).index).toBe(7);
  expect((await reply).index).toBe(8);

  const detail = await fetch(`${url}/api/sessions/${sessionId}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await detail.json()) as { turns: Array<{ index: number }> };
  expect(body.turns.map((t) => t.index)).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
});
