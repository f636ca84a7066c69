/**
 * An acknowledged turn is a committed row, on SQLite and on PostgreSQL: a conversation over
 * socket.io, the server killed with SIGKILL straight after a turn is acknowledged (before its
 * customer's reply could be counted on), then started again on the same DATA_DIR or the same
 * database (a schema of the test's own, dropped after). The same token still works, and `session:resume` returns every turn that was acknowledged or
 * answered before the kill, in order, word for word.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSchema, POSTGRES_URL, type TestSchema } from '../support/postgresSchema.ts';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { postgresAvailable, requireOrSkip } from '../support/services.ts';
import { call } from '../support/socketClient.ts';
import type { TestClient } from '../support/testServer.ts';
import { connect, createTrainee, plain, say, startSession, type Turn } from '../support/trainee.ts';

const DATA_DIR = mkdtempSync(join(tmpdir(), 'sparring-restart-'));
const ADMIN_PASSWORD = 'restart-admin-password';
const postgresRuns = requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);
const schemas: TestSchema[] = [];

const servers: ServerProcess[] = [];
const sockets: TestClient[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  rmSync(DATA_DIR, { recursive: true, force: true });
  for (const schema of schemas) await schema.drop();
});

async function start(env: Record<string, string>): Promise<ServerProcess & { url: string }> {
  const server = await spawnServer({ PORT: '0', SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
  servers.push(server);
  if (!server.url) throw new Error(`the server did not start:\n${server.stderr()}`);
  return server as ServerProcess & { url: string };
}

async function killAndRestart(env: Record<string, string>): Promise<void> {
  const first = await start(env);
  const token = await createTrainee(first.url, ADMIN_PASSWORD, 'restart-trainee');
  const socket = await connect(first.url, token);
  sockets.push(socket);

  const { sessionId, opening } = await startSession(socket, 'late-disbursement', 'en');
  const expected: Turn[] = [opening];

  for (const text of [
    "Mr Chen, I'm so sorry you've been kept waiting this long. So you were approved two weeks ago and the money still hasn't come, is that right?",
    'Let me check your application now. Since the approval, has anyone from our team contacted you, and what did they ask for?',
  ]) {
    expected.push(...(await say(socket, sessionId, text)));
  }

  // The last turn: killed the moment its ack arrives. The ack promises the trainee's turn is
  // stored; the customer's reply may or may not have been written, so it is not expected.
  const last = "I've found it: your bank statements were never attached to your file. I'm attaching them now.";
  const ack = await call(socket, 'trainee:say', { sessionId, text: last });
  first.child.kill('SIGKILL');
  if (!ack.ok) throw new Error(`trainee:say refused: ${JSON.stringify(ack.error)}`);
  expected.push({ index: ack.index, role: 'trainee', text: last });
  expect((await first.exited).signal).toBe('SIGKILL');

  const second = await start(env);
  const again = await connect(second.url, token);
  sockets.push(again);
  const resumed = await call(again, 'session:resume', { sessionId });
  if (!resumed.ok) throw new Error(`session:resume refused: ${JSON.stringify(resumed.error)}`);
  const turns = plain(resumed.turns);
  expect(turns.slice(0, expected.length)).toEqual(expected);
  // At most the customer's answer to the last turn follows, never anything else.
  expect(turns.length - expected.length).toBeLessThanOrEqual(1);
  if (turns.length > expected.length) expect(turns.at(-1)!.role).toBe('customer');
}

describe('killed and restarted', () => {
  it('SQLite in DATA_DIR: keeps every acknowledged turn', () => killAndRestart({ DATA_DIR }));

  it.skipIf(!postgresRuns)('PostgreSQL: keeps every acknowledged turn', async () => {
    const schema = await createTestSchema('restart');
    schemas.push(schema);
    await killAndRestart({ DATABASE_URL: schema.url });
  });
});
