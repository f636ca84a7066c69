/**
 * A trainee's progress covers their latest PROGRESS_SESSIONS ended sessions
 * (server/http/routes/trainees.ts): each session costs a reading of its report on the event
 * loop, so a trainee with years of practice cannot make one request hold every other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TraineeProgress } from '../../server/domain/apiAnswers.ts';
import { PROGRESS_SESSIONS } from '../../server/http/routes/trainees.ts';
import { addSession, addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let coach: string;
let traineeId: string;
const ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  traineeId = (await addUser(server.ctx.store, 'mei', 'trainee')).id;
  await addUser(server.ctx.store, 'carol', 'coach');
  coach = await tokenFor(server.url, 'carol');
  for (let i = 0; i < PROGRESS_SESSIONS + 3; i++) {
    const session = await addSession(server.ctx, traineeId, { opening: 'My payment was taken twice.', replies: [['I am sorry, that must be stressful. What happened?', 'It went out twice.']], ended: true });
    ids.push(session.id);
  }
}, 180_000);
afterAll(() => server.close());

describe('progress of a trainee with many sessions', () => {
  it('covers the latest sessions only, oldest of them first', async () => {
    const res = await call(server.url, 'GET', `/api/trainees/${traineeId}/progress`, { token: coach });
    expect(res.status).toBe(200);
    const progress = expectShape(TraineeProgress, res.body);
    expect(progress.sessions).toHaveLength(PROGRESS_SESSIONS);
    const shown = progress.sessions.map((s) => s.sessionId);
    // The three ended first are left out; the rest, in the order they ended.
    expect(shown).not.toContain(ids[0]);
    expect(shown).not.toContain(ids[2]);
    expect(shown.at(-1)).toBe(ids.at(-1));
    expect(new Set(shown)).toEqual(new Set(ids.slice(3)));
  });
});
