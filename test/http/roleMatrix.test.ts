/**
 * Each role against each route, as the contract's table and docs/api.md say: trainee (own
 * sessions, own progress, own assignments), coach (every session; comments, overrides,
 * assignments), qa (personas; only try-out sessions), admin (users, every session and
 * progress), and nobody (no token). Someone else's session is 403, an unknown id 404.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AssignmentView,
  ErrorBody,
  HealthAnswer,
  PersonaCheck,
  PersonaFileListItem,
  PersonaSaved,
  PersonaSource,
  PersonaTestRun,
  PublicUser,
  SignedInUser,
  SessionDetail,
  SessionExport,
  SessionListItem,
  TraineeListItem,
  TraineeProgress,
} from '../../server/domain/apiAnswers.ts';
import { CommentEntry, OverrideEntry, type SessionRecord } from '../../server/domain/records.ts';
import { PersonaListing, PublicPersona } from '../../server/personas/schema.ts';
import { SignalCatalog } from '../../server/scoring/rubric/signalCatalog.ts';
import { addSession, addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

type Who = 'trainee' | 'otherTrainee' | 'coach' | 'qa' | 'admin' | 'nobody';
const EVERYONE: Who[] = ['trainee', 'otherTrainee', 'coach', 'qa', 'admin', 'nobody'];

let server: TestServer;
const tokens = {} as Record<Who, string | undefined>;
const ids = {} as Record<Who, string>;
let own: SessionRecord;
let others: SessionRecord;
let tryout: SessionRecord;
/** An account only the admin's PATCH changes: each change signs it out, so none of the callers above. */
let spareId: string;

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
  spareId = (await addUser(server.ctx.store, 'spare', 'trainee')).id;
  own = await addSession(server.ctx, ids.trainee, {
    opening: 'You charged me twice for the same repayment!',
    replies: [['I am sorry about that. Could you tell me which date the second charge was taken?', 'It was on the 3rd.']],
    ended: true,
  });
  others = await addSession(server.ctx, ids.otherTrainee, {
    opening: 'You charged me twice for the same repayment!',
    replies: [['So you were charged twice, is that right?', 'Yes, twice.']],
  });
  // A QA person trying the persona out: stored as session:start stores one for QA.
  tryout = { ...others, id: randomUUID(), traineeId: ids.qa, tryout: true };
  await server.ctx.store.createSession(tryout, { index: 0, role: 'customer', text: 'You charged me twice!', at: new Date().toISOString() });
  // Five password hashes and five logins: slow on purpose, slower still on a busy machine.
}, 60_000);
afterAll(() => server.close());

const as = (who: Who, method: string, path: string, body?: unknown) => call(server.url, method, path, { token: tokens[who], body });

const inAWeek = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
const ONLY_COACH = { trainee: 403, otherTrainee: 403, coach: 201, qa: 403, admin: 403, nobody: 401 };
const READERS = { trainee: 200, otherTrainee: 403, coach: 200, qa: 403, admin: 200, nobody: 401 };
const QA_ADMIN = { trainee: 403, otherTrainee: 403, coach: 403, qa: 200, admin: 200, nobody: 401 };
const PERSONA_FILE = readFileSync('personas/double-charge/en.yaml', 'utf8');

/** The expected status of each caller on each route. */
const MATRIX: Array<{ route: string; method: string; path: () => string; body?: (who: Who) => unknown; expect: Record<Who, number> }> = [
  { route: 'health', method: 'GET', path: () => '/api/health', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 200 } },
  { route: 'persona list', method: 'GET', path: () => '/api/personas', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'one persona', method: 'GET', path: () => '/api/personas/double-charge', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'unknown persona', method: 'GET', path: () => '/api/personas/no-such-persona', expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'signal catalogue', method: 'GET', path: () => '/api/signals', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'session list', method: 'GET', path: () => '/api/sessions', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: "the trainee's session", method: 'GET', path: () => `/api/sessions/${own.id}`, expect: { trainee: 200, otherTrainee: 403, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: 'unknown session', method: 'GET', path: () => `/api/sessions/${randomUUID()}`, expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'session list with try-outs', method: 'GET', path: () => '/api/sessions?tryout=include', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: "QA's own try-out", method: 'GET', path: () => `/api/sessions/${tryout.id}`, expect: { trainee: 403, otherTrainee: 403, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: "comment on the trainee's session", method: 'POST', path: () => `/api/sessions/${own.id}/comments`, body: (who) => ({ turnIndex: 1, text: `by ${who}` }), expect: ONLY_COACH },
  { route: "override on the trainee's session", method: 'POST', path: () => `/api/sessions/${own.id}/overrides`, body: (who) => ({ criterion: 'empathy', score: 50, reason: `by ${who}` }), expect: ONLY_COACH },
  { route: 'comment on an unknown session', method: 'POST', path: () => `/api/sessions/${randomUUID()}/comments`, body: () => ({ turnIndex: 0, text: 'x' }), expect: { ...ONLY_COACH, coach: 404 } },
  { route: 'override on an unknown session', method: 'POST', path: () => `/api/sessions/${randomUUID()}/overrides`, body: () => ({ criterion: 'empathy', score: 50, reason: 'x' }), expect: { ...ONLY_COACH, coach: 404 } },
  { route: "the trainee's session as JSON", method: 'GET', path: () => `/api/sessions/${own.id}/export.json`, expect: READERS },
  { route: "the trainee's session as CSV", method: 'GET', path: () => `/api/sessions/${own.id}/export.csv`, expect: READERS },
  { route: 'an unknown session as JSON', method: 'GET', path: () => `/api/sessions/${randomUUID()}/export.json`, expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'an unknown session as CSV', method: 'GET', path: () => `/api/sessions/${randomUUID()}/export.csv`, expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 401 } },
  { route: 'trainee list', method: 'GET', path: () => '/api/trainees', expect: { trainee: 403, otherTrainee: 403, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  { route: "the trainee's progress", method: 'GET', path: () => `/api/trainees/${ids.trainee}/progress`, expect: READERS },
  { route: 'progress of an unknown id', method: 'GET', path: () => `/api/trainees/${randomUUID()}/progress`, expect: { trainee: 403, otherTrainee: 403, coach: 404, qa: 403, admin: 404, nobody: 401 } },
  { route: 'assignment list', method: 'GET', path: () => '/api/assignments', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 403, admin: 200, nobody: 401 } },
  {
    route: 'create assignment',
    method: 'POST',
    path: () => '/api/assignments',
    body: () => ({ personaId: 'double-charge', locale: 'en', traineeIds: [ids.trainee], dueAt: inAWeek }),
    expect: ONLY_COACH,
  },
  { route: 'persona files', method: 'GET', path: () => '/api/persona-files', expect: QA_ADMIN },
  { route: 'check a persona file', method: 'POST', path: () => '/api/persona-files/check', body: () => ({ text: PERSONA_FILE }), expect: QA_ADMIN },
  { route: "a persona file's text", method: 'GET', path: () => '/api/persona-files/double-charge/en', expect: QA_ADMIN },
  { route: "a persona file's version", method: 'GET', path: () => '/api/persona-files/double-charge/en/versions/1', expect: QA_ADMIN },
  { route: 'an unknown persona file', method: 'GET', path: () => '/api/persona-files/no-such-persona/en', expect: { ...QA_ADMIN, qa: 404, admin: 404 } },
  { route: "a persona file's tests", method: 'POST', path: () => '/api/persona-files/double-charge/en/tests', body: () => ({}), expect: QA_ADMIN },
  {
    route: 'save a persona version',
    method: 'PUT',
    path: () => '/api/persona-files/double-charge/en',
    // EVERYONE runs in order: QA saves version 2 first, then the admin saves 3 on top of it.
    body: (who) => ({ text: PERSONA_FILE, baseVersion: who === 'admin' ? 2 : 1 }),
    expect: { ...QA_ADMIN, qa: 201, admin: 201 },
  },
  { route: 'user list', method: 'GET', path: () => '/api/users', expect: { trainee: 403, otherTrainee: 403, coach: 403, qa: 403, admin: 200, nobody: 401 } },
  {
    route: 'create user',
    method: 'POST',
    path: () => '/api/users',
    body: (who) => ({ username: `new-by-${who}`, password: 'a long enough password', role: 'trainee' }),
    expect: { trainee: 403, otherTrainee: 403, coach: 403, qa: 403, admin: 201, nobody: 401 },
  },
  {
    route: 'change a user',
    method: 'PATCH',
    path: () => `/api/users/${spareId}`,
    body: () => ({ role: 'coach' }),
    expect: { trainee: 403, otherTrainee: 403, coach: 403, qa: 403, admin: 200, nobody: 401 },
  },
  { route: 'who am I', method: 'GET', path: () => '/api/me', expect: { trainee: 200, otherTrainee: 200, coach: 200, qa: 200, admin: 200, nobody: 401 } },
  { route: 'unknown api route', method: 'GET', path: () => '/api/nothing-here', expect: { trainee: 404, otherTrainee: 404, coach: 404, qa: 404, admin: 404, nobody: 404 } },
];

/** The schema of each route's successful JSON answer (docs/api.md "Shapes"), by the route's name above. */
const ANSWERS: Record<string, z.ZodType> = {
  health: HealthAnswer,
  'signal catalogue': SignalCatalog,
  'persona list': z.array(PersonaListing),
  'one persona': PublicPersona,
  'session list': z.array(SessionListItem),
  "the trainee's session": SessionDetail,
  'session list with try-outs': z.array(SessionListItem),
  "QA's own try-out": SessionDetail,
  "comment on the trainee's session": CommentEntry,
  "override on the trainee's session": OverrideEntry,
  "the trainee's session as JSON": SessionExport,
  'trainee list': z.array(TraineeListItem),
  "the trainee's progress": TraineeProgress,
  'assignment list': z.array(AssignmentView),
  'persona files': z.array(PersonaFileListItem),
  'check a persona file': PersonaCheck,
  "a persona file's text": PersonaSource,
  "a persona file's version": PersonaSource,
  "a persona file's tests": PersonaTestRun,
  'user list': z.array(PublicUser),
  'create assignment': AssignmentView,
  'save a persona version': PersonaSaved,
  'create user': PublicUser,
  'change a user': PublicUser,
  'who am I': SignedInUser,
};

describe.each(MATRIX)('$method $route', ({ route, method, path, body, expect: statuses }) => {
  it.for(EVERYONE)('as %s', async (who, test) => {
    const res = await as(who, method, path(), body?.(who));
    expect(res.status).toBe(statuses[who]);
    if (res.status >= 400) {
      const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[res.status as 401 | 403 | 404];
      expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
      expectShape(ErrorBody, res.body);
    } else if (res.headers.get('content-type')?.startsWith('application/json')) {
      // Every JSON answer has its schema, so a new route cannot answer on trust.
      const answer = ANSWERS[route];
      expect(answer, `the schema of the answer of ${route}`).toBeDefined();
      expectShape(answer!, res.body);
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
      // The contract's fields, then what docs/api.md adds.
      expect(Object.keys(ended).sort()).toEqual(
        ['endedAt', 'id', 'outcome', 'overall', 'personaId', 'startedAt', 'traineeId']
          .concat(['assignmentId', 'criteria', 'locale', 'personaName', 'personaVersion', 'scenario', 'traineeName', 'tryout'])
          .sort(),
      );
      expect(ended).toMatchObject({ traineeId: ids.trainee, personaId: 'double-charge', outcome: 'ended', overall: expect.any(Number), traineeName: 'tina', tryout: false });
    }
  });

  it("QA try-outs are left out of a coach's list unless asked for", async () => {
    const plain = (await as('coach', 'GET', '/api/sessions')).body as Array<{ id: string }>;
    expect(plain.map((s) => s.id)).not.toContain(tryout.id);
    const all = (await as('admin', 'GET', '/api/sessions?tryout=include')).body as Array<{ id: string; tryout: boolean; traineeName: string }>;
    expect(all.find((s) => s.id === tryout.id)).toMatchObject({ tryout: true, traineeName: 'quinn' });
    for (const query of ['tryout=yes', 'tryout=include&tryout=exclude', 'sort=name']) {
      const res = await as('coach', 'GET', `/api/sessions?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toMatch(/^(tryout|sort|"sort")/);
    }
  });

  it('only a coach commented, overrode or assigned', async () => {
    const reviews = await server.ctx.store.listReviews(own.id);
    expect(reviews.map((r) => r.authorName)).toEqual(['carol', 'carol']);
    expect((await server.ctx.store.listAssignments()).map((a) => a.createdBy)).toEqual([ids.coach]);
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
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['tina', 'tom', 'carol', 'quinn', 'ada', 'spare', 'new-by-admin']));
    for (const user of list) expect(Object.keys(user).sort()).toEqual(['createdAt', 'disabled', 'id', 'role', 'username']);
  });

  it('only the admin created a user', async () => {
    for (const who of EVERYONE.filter((w) => w !== 'admin')) {
      expect(await server.ctx.store.findUserByUsername(`new-by-${who}`), who).toBeNull();
    }
    expect(await server.ctx.store.findUserByUsername('new-by-admin')).toMatchObject({ role: 'trainee' });
  });
});
