/**
 * A session as a download: a Traditional Chinese session played over the socket, reviewed by
 * a coach, then exported. The JSON carries the scoring contract's transcript (the engine
 * scores it back to the same report); the CSV starts with a UTF-8 byte order mark for
 * Excel, parses back with csv-parse, and keeps the Chinese text, comments and the coach's
 * scores intact.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { CRITERIA, Transcript } from '../../server/scoring/types.ts';
import { SessionExport } from '../../server/domain/apiAnswers.ts';
import { call as http, expectShape } from './httpTestServer.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { connect, say, startSession } from '../support/trainee.ts';

let server: TestServer;
let trainee: TestUser;
let coach: TestUser;
let sessionId: string;
const REPLY = '林小姐，真的很抱歉讓您被多扣了一筆。您是說五號被扣了兩次八千六百五十元，對嗎？';
const COMMENT = '先道歉再複述，很好；下一句要說清楚何時退款。';

beforeAll(async () => {
  server = await startTestServer();
  trainee = await server.user('trainee', '陳小明');
  coach = await server.user('coach', 'carol');
  const socket = await connect(server.url, trainee.token);
  ({ sessionId } = await startSession(socket, 'double-charge', 'zh-Hant'));
  await say(socket, sessionId, REPLY);
  const end = await call(socket, 'session:end', { sessionId });
  if (!end.ok) throw new Error(JSON.stringify(end));
  socket.disconnect();
  await http(server.url, 'POST', `/api/sessions/${sessionId}/comments`, { token: coach.token, body: { turnIndex: 1, text: COMMENT } });
  await http(server.url, 'POST', `/api/sessions/${sessionId}/overrides`, { token: coach.token, body: { criterion: 'complaint_process', score: 40, reason: '只做到受理。' } });
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

async function download(token: string | undefined, path: string): Promise<Response> {
  return fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('export.json', () => {
  it('is a download of the contract transcript, the engine’s report and the review', async () => {
    const res = await download(trainee.token, `/api/sessions/${sessionId}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?sparring-${sessionId}\\.json"?$`));
    const body = expectShape(SessionExport, await res.json());
    const stored = (await server.ctx.store.getSession(sessionId))!;

    // The transcript is the scoring contract's input: `npx sparring score` takes the file as it is.
    expect(Transcript.safeParse(body.transcript).success).toBe(true);
    expect(body.transcript).toEqual({
      locale: 'zh-Hant',
      scenario: 'complaint',
      persona: 'double-charge',
      turns: stored.turns.map((t) => ({ role: t.role, text: t.text })),
    });
    expect(body.transcript.turns[1]).toEqual({ role: 'trainee', text: REPLY });
    expect(body.report).toEqual(stored.session.report);
    expect(scoreTranscript(server.ctx.rubric, body.transcript)).toEqual(body.report);

    expect(body.review.comments).toEqual([expect.objectContaining({ turnIndex: 1, text: COMMENT, authorName: 'carol' })]);
    expect(body.review.overrides).toEqual([expect.objectContaining({ criterion: 'complaint_process', score: 40, reason: '只做到受理。' })]);
    expect(body.review.overridden).toEqual({ complaint_process: expect.objectContaining({ score: 40, by: 'carol' }) });
    expect(body.session).toMatchObject({ id: sessionId, traineeName: '陳小明', personaName: '林小姐：信貸月付金被扣了兩次', tryout: false });
    expect(body.coaching?.keep).toMatch(/^繼續/);
  });
});

describe('export.csv', () => {
  it('starts with a UTF-8 byte order mark and parses back with the Chinese text intact', async () => {
    const res = await download(coach.token, `/api/sessions/${sessionId}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?sparring-${sessionId}\\.csv"?$`));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = parse(bytes, { bom: true }) as string[][];
    const stored = (await server.ctx.store.getSession(sessionId))!;
    const report = stored.session.report!;
    expect(rows[0]).toEqual(['index', 'role', 'text', ...CRITERIA, 'signals', 'comments']);

    // One row per turn, in order.
    const turnRows = rows.slice(1, 1 + stored.turns.length);
    expect(turnRows.map((r) => [r[0], r[1], r[2]])).toEqual(stored.turns.map((t) => [String(t.index), t.role, t.text]));
    const reply = turnRows[1]!;
    expect(reply[2]).toBe(REPLY);
    const scored = report.turns[0]!;
    expect(reply.slice(3, 3 + CRITERIA.length)).toEqual(CRITERIA.map((c) => String(scored.criteria[c]!.score)));
    expect(reply[3 + CRITERIA.length]).toBe(scored.signals.join(' '));
    expect(reply[4 + CRITERIA.length]).toBe(`carol: ${COMMENT}`);
    // A customer turn has no scores.
    expect(turnRows[0]!.slice(3, 3 + CRITERIA.length)).toEqual(CRITERIA.map(() => ''));

    // Then one row per criterion: the engine's score and the coach's.
    const header = rows.findIndex((r) => r[0] === 'criterion');
    expect(rows[header]!.slice(0, 6)).toEqual(['criterion', 'engine', 'coach', 'reason', 'by', 'at']);
    const byCriterion = new Map(rows.slice(header + 1).map((r) => [r[0], r]));
    for (const id of CRITERIA) expect(byCriterion.get(id)![1]).toBe(String(report.summary.criteria[id]));
    expect(byCriterion.get('complaint_process')!.slice(2, 5)).toEqual(['40', '只做到受理。', 'carol']);
    expect(byCriterion.get('empathy')![2]).toBe('');
    expect(byCriterion.get('overall')![1]).toBe(String(report.summary.overall));
    // Every row is as wide as the first, so any reader takes the file whole.
    for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
  });
});

describe('who may export', () => {
  it('not another trainee, not QA, not a stranger; an unknown id is 404', async () => {
    const other = await server.user('trainee');
    const qa = await server.user('qa');
    for (const ext of ['json', 'csv']) {
      expect((await download(other.token, `/api/sessions/${sessionId}/export.${ext}`)).status).toBe(403);
      expect((await download(qa.token, `/api/sessions/${sessionId}/export.${ext}`)).status).toBe(403);
      expect((await download(undefined, `/api/sessions/${sessionId}/export.${ext}`)).status).toBe(401);
      const unknown = await download(coach.token, `/api/sessions/${randomUUID()}/export.${ext}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'no session with this id' } });
    }
  });
});
