/**
 * Each role against each route, as the contract's table says: trainee (own sessions),
 * coach (every session), qa (personas; no sessions), admin (users and every session), and
 * nobody (no token). Someone else's session is 403, an unknown id 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../server/store/records.ts';
import { addSession, addUser, call, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

type Who = 'trainee' | 'otherTrainee' | 'coach' | 'qa' | 'admin' | 'nobody';
const EVERYONE: Who[] = ['trainee', 'otherTrainee', 'coach', 'qa', 'admin', 'nobody'];

let server: TestServer;
const tokens = {} as Record<Who, string | undefined>;
const ids = {} as Record<Who, string>;
let own: SessionRecord;
let others: SessionRecord;

beforeAll(async () => {
  server = await startTestServer();
  const users = {
    trainee: await addUser(server.ctx.store, 'tina', 'trainee'),
    otherTrainee: await addUser(server.ctx.store, 'tom', 'trainee'),
    coach: await addUser(server.ctx.store, 'carol', 'coach'),
    qa: await addUser(server.ctx.store, 'quinn', 'qa'),
    admin: await addUser(server.ctx.store, 'ada', 'admin'),
  };
  for (const [who, user] of Object.entries(users) as Array<[Exclude<Who, 'nobody'>, (typeof users)['admin']]>) {
    tokens[who] = await tokenFor(server.url, user.username);
    ids[who] = user.id;
  }
  tokens.nobody = undefined;
  own = await addSession(server.ctx, ids.trainee, {
    opening: 'You charged me twice for the same repayment!',
    replies: [['I am sorry about that. Could you tell me which date the second charge was taken?', 'It was on the 3rd.']],
    ended: true,
  });
  others = await addSession(server.ctx, ids.otherTrainee, {
    opening: 'You charged me twice for the same repayment!',
    replies: [['So you were charged twice, is that right?', 'Yes, twice.']],
  });
});
afterAll(() => server.close());

const as = (who: Who, method: string, path: string, body?: unknown) => call(server.url, method, path, { token: tokens[who], body });

/** The expected status of each caller on each route. */
const MATRIX: Array<{ route: string; method: string; path: () => string; body?: (who: Who) => unknown; expect: Record<Who, number> }> = [
  { route: 'health', method: 'GET', path: () => '/api/health', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 200 } },
  { route: 'persona list', method: 'GET', path: () => '/api/personas', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'one persona', method: 'GET', path: () => '/api/personas/double-charge', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'unknown persona', method: 'GET', path: () => '/api/personas/no-such-persona', expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'session list', method: 'GET', path: () => '/api/sessions', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: "the trainee's session", method: 'GET', path: () => `/api/sessions/${own.id}`, expect: { trainee: 200, otherTrainee: 403, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: 'unknown session', method: 'GET', path: () => `/api/sessions/${randomUUID()}`, expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'user list', method: 'GET', path: () => '/api/users', expect: { trainee: 403, otherTrainee: 403, coach: 403, qa: 403, admin: 200, nobody: 401 } },
  {
    route: 'create user',
    method: 'POST',
    path: () => '/api/users',
    body: (who) => ({ username: `new-by-${who}`, password: 'long enough', role: 'trainee' }),
    expect: { trainee: 403, otherTrainee: 403, coach: 403, qa: 403, admin: 201, nobody: 401 },
  },
  { route: 'unknown api route', method: 'GET', path: () => '/api/nothing-here', expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 404 } },
];

describe.each(MATRIX)('$method $route', ({ route, method, path, body, expect: statuses }) => {
  it.for(EVERYONE)('as %s', async (who, test) => {
    const res = await as(who, method, path(), body?.(who));
    expect(res.status).toBe(statuses[who]);
    if (res.status >= 400) {
      const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[res.status as 401 | 403 | 404];
      expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
    }
  });
});

describe('what each role sees', () => {
  it('a trainee lists only their own sessions', async () => {
    expect((await as('trainee', 'GET', '/api/sessions')).body.map((s: { id: string }) => s.id)).toEqual([own.id]);
    expect((await as('otherTrainee', 'GET', '/api/sessions')).body.map((s: { id: string }) => s.id)).toEqual([others.id]);
  });

  it('a coach and an admin list every session, with the summary fields', async () => {
    for (const who of ['coach', 'admin'] as const) {
      const list = (await as(who, 'GET', '/api/sessions')).body as Array<Record<string, unknown>>;
      expect(list.map((s) => s.id).sort()).toEqual([own.id, others.id].sort());
      const ended = list.find((s) => s.id === own.id)!;
      expect(Object.keys(ended).sort()).toEqual(['endedAt', 'id', 'outcome', 'overall', 'personaId', 'startedAt', 'traineeId']);
      expect(ended).toMatchObject({ traineeId: ids.trainee, personaId: 'double-charge', outcome: 'ended', overall: expect.any(Number) });
    }
  });

  it('a session comes with its turns and the stored report once ended', async () => {
    const res = await as('coach', 'GET', `/api/sessions/${own.id}`);
    expect(res.body).toMatchObject({ id: own.id, traineeId: ids.trainee, personaId: 'double-charge', locale: 'en', outcome: 'ended' });
    expect(res.body.turns.map((t: { role: string }) => t.role)).toEqual(['customer', 'trainee', 'customer']);
    expect(res.body.report).toEqual(own.report);
  });

  it("a running session's report is computed from the transcript so far", async () => {
    const res = await as('otherTrainee', 'GET', `/api/sessions/${others.id}`);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBeNull();
    expect(res.body.report.turns.map((t: { index: number }) => t.index)).toEqual([1]);
    expect(res.body.report.summary.overall).toEqual(expect.any(Number));
    // The customer's internal state never leaves the server.
    for (const turn of res.body.turns) expect(Object.keys(turn)).not.toContain('state');
  });

  it('a session with only its opening has an empty report', async () => {
    const fresh = await addSession(server.ctx, ids.trainee, { opening: 'Hello? Anyone there?', replies: [] });
    const res = await as('trainee', 'GET', `/api/sessions/${fresh.id}`);
    expect(res.status).toBe(200);
    expect(res.body.report.turns).toEqual([]);
  });

  it('an admin lists users without their password hashes', async () => {
    const list = (await as('admin', 'GET', '/api/users')).body as Array<Record<string, unknown>>;
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['tina', 'tom', 'carol', 'quinn', 'ada', 'new-by-admin']));
    for (const user of list) expect(Object.keys(user).sort()).toEqual(['createdAt', 'id', 'role', 'username']);
  });

  it('only the admin created a user', async () => {
    for (const who of EVERYONE.filter((w) => w !== 'admin')) {
      expect(await server.ctx.store.findUserByUsername(`new-by-${who}`), who).toBeNull();
    }
    expect(await server.ctx.store.findUserByUsername('new-by-admin')).toMatchObject({ role: 'trainee' });
  });
});
