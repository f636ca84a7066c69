// A persona's product sheet in a live session over real sockets: the trainee gets it with the
// briefing, a wrong rate is flagged on the turn with the right one, and the final report
// keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { call } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

describe("a session with the persona's product sheet", () => {
  it('flags a rate that contradicts the sheet, live and in the final report, with the right rate', async () => {
    const trainee = await server.user('trainee');
    const socket = await server.connect(trainee.token);
    const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'first-time-applicant', locale: 'en' }));
    expect(started.persona).toMatchObject({ product: { rate: { annual_percent: 10 } } });

    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId: started.sessionId, text: 'The interest rate is 5% a year.' }));
    expect(ack.score.signals).toContain('conduct.misinformation');
    const live = ack.score.criteria.conduct.evidence.find((e) => e.signal === 'conduct.misinformation');
    expect(live).toMatchObject({ text: 'interest rate is 5', suggestion: 'the yearly interest rate is 10%' });

    const end = await call(socket, 'session:end', { sessionId: started.sessionId });
    expect(end).toMatchObject({ ok: true, report: { turns: [{ index: 1, signals: expect.arrayContaining(['conduct.misinformation']) }] } });
  });
});
