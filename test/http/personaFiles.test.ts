/**
 * The QA persona routes (docs/api.md "Persona files (QA)", server/http/routes/personaFiles.ts)
 * against a whole server: a broken upload is refused with its problems by line and nothing
 * saved; the fixed one becomes the next version, which the next session:start gets while a
 * session started before keeps its own; a stale save is a 409; only QA and admins get in;
 * the address takes no path tricks; hostile YAML is refused cleanly; and a 200 KB persona fits.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersonaCatalog } from '../../server/personas/personaCatalog.ts';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { CustomerSay, SessionResumeOk, SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { loadSession } from '../../server/sessions/loadSession.ts';
import { call as emit, record } from '../support/socketClient.ts';
import { startTestServer, type TestServer, type TestUser } from '../support/testServer.ts';
import { z } from 'zod';
import {
  ErrorBody,
  PersonaCheck,
  PersonaFileListItem,
  PersonaProblemsAnswer,
  PersonaSaved,
  PersonaSource,
  PersonaTestRun,
  SessionDetail,
  SessionExport,
} from '../../server/domain/apiAnswers.ts';
import { call, expectShape, startTestServer as startHttpServer } from './httpTestServer.ts';

const FILE = readFileSync(join(PERSONAS_DIR, 'double-charge', 'en.yaml'), 'utf8');
const MARK = 'V2MARK';

/** Every word the customer can say, marked: any line of this version shows it is this version. */
function marked(text: string): string {
  const persona = parse(text) as Record<string, any>;
  const mark = (lines: string[]) => lines.map((l) => `${MARK} ${l}`);
  persona.opening = mark(persona.opening);
  for (const reveal of persona.reveals) reveal.say = mark(reveal.say);
  for (const [key, value] of Object.entries(persona.lines)) {
    persona.lines[key] = Array.isArray(value) ? mark(value as string[]) : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, mark(v)]));
  }
  return stringify(persona, { lineWidth: 0 });
}

let server: TestServer;
let qa: TestUser;
let admin: TestUser;
let trainee: TestUser;
let coach: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [qa, admin, trainee, coach] = await Promise.all([server.user('qa'), server.user('admin'), server.user('trainee'), server.user('coach')]);
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(server.url, method, `/api/persona-files${path}`, { token, ...(body !== undefined ? { body } : {}) });

/** A GET with the path exactly as given: fetch would resolve `..` and `%2E%2E` before sending. */
function rawGet(path: string, token: string): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: `/api/persona-files${path}`, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a new version, from upload to the sessions', () => {
  it('refuses a broken upload by line, saves the fix as the next version, and the next session gets it while an older session keeps its own', async () => {
    const socket = await server.connect(trainee.token);
    const before = SessionStartOk.parse(await emit(socket, 'session:start', { personaId: 'double-charge', locale: 'en' }));
    expect(before.persona.version).toBe(1);

    // Broken: a wrong enum, an unknown fact in reveals (each on its own line).
    const broken = FILE.replace('difficulty: easy', 'difficulty: eazy');
    const refused = await api('PUT', '/double-charge/en', qa.token, { text: broken, baseVersion: 1 });
    expect(refused.status).toBe(400);
    expect(expectShape(PersonaProblemsAnswer, refused.body).error.code).toBe('bad_request');
    const lines = broken.split('\n');
    expect(refused.body.problems).toEqual([{ line: lines.indexOf('difficulty: eazy') + 1, field: 'difficulty', message: expect.stringMatching(/easy/), detail: { kind: 'schema', code: 'invalid_value', values: ['easy', 'medium', 'hard'] } }]);
    const unknownFact = FILE.replace('- fact: rent\n', '- fact: rents\n');
    const refusedFact = await api('PUT', '/double-charge/en', qa.token, { text: unknownFact, baseVersion: 1 });
    expect(refusedFact.body.problems).toEqual([
      { line: unknownFact.split('\n').indexOf('  - fact: rents') + 1, field: 'reveals[1].fact', message: 'no fact "rents" in facts', detail: { kind: 'unknown_name', of: 'fact', name: 'rents' } },
    ]);
    expect(expectShape(PersonaSource, (await api('GET', '/double-charge/en', qa.token)).body)).toMatchObject({ version: 1, versions: [{ version: 1, source: 'file' }] });

    const fixed = await api('PUT', '/double-charge/en', qa.token, { text: marked(FILE), baseVersion: 1 });
    expect(fixed).toMatchObject({ status: 201, body: { id: 'double-charge', locale: 'en', version: 2 } });
    expectShape(PersonaSaved, fixed.body);
    const source = expectShape(PersonaSource, (await api('GET', '/double-charge/en', qa.token)).body);
    expect(source).toMatchObject({ id: 'double-charge', locale: 'en', version: 2 });
    expect(source.text).toMatch(/^version: 2$/m);
    expect(source.versions).toEqual([
      { version: 2, source: 'saved', savedBy: qa.username, savedAt: expect.any(String) },
      { version: 1, source: 'file', savedBy: null, savedAt: null },
    ]);
    expect(expectShape(PersonaSource, (await api('GET', '/double-charge/en/versions/1', qa.token)).body)).toMatchObject({ version: 1, text: FILE });

    // The next session gets version 2…
    const after = SessionStartOk.parse(await emit(socket, 'session:start', { personaId: 'double-charge', locale: 'en' }));
    expect(after.persona.version).toBe(2);
    expect(after.opening.text).toContain(MARK);
    // …and the session started before resumes, and goes on, with version 1.
    expect(SessionResumeOk.parse(await emit(socket, 'session:resume', { sessionId: before.sessionId })).personaId).toBe('double-charge');
    const loaded = await loadSession(server.ctx, { userId: trainee.id, username: trainee.username, role: 'trainee' }, before.sessionId);
    expect(loaded).toMatchObject({ persona: { version: 1 } });
    const events = record(socket);
    const said = TraineeSayOk.parse(await emit(socket, 'trainee:say', { sessionId: before.sessionId, text: 'I am so sorry, that must be stressful. What happened?' }));
    const reply = CustomerSay.parse(await events.next('customer:say', (p) => p.sessionId === before.sessionId && p.index === said.index + 1));
    expect(reply.text).not.toContain(MARK);

    // Someone saving from version 1 now is too late.
    const stale = await api('PUT', '/double-charge/en', admin.token, { text: FILE, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(expectShape(ErrorBody, stale.body).error).toMatchObject({ code: 'conflict', message: expect.stringContaining('version 2') });
    expect((await api('GET', '/double-charge/en', qa.token)).body.version).toBe(2);
  });

  it('keeps comments and layout and sets only the version; a 50 KB persona fits, a larger body does not', async () => {
    const padding = Array.from({ length: 600 }, (_, i) => `# note ${i}: ${'x'.repeat(64)}`).join('\n');
    const text = FILE.replace('version: 1\n', 'version: 1 # set by the server\n') + padding + '\n';
    const bodySize = JSON.stringify({ text, baseVersion: 0 }).length;
    expect(bodySize).toBeGreaterThan(50 * 1024);
    expect(bodySize).toBeLessThan(64 * 1024);
    const fresh = text.replace('id: double-charge', 'id: padded-persona');
    const saved = await api('PUT', '/padded-persona/en', qa.token, { text: fresh, baseVersion: 0 });
    expect(saved).toMatchObject({ status: 201, body: { version: 1 } });
    expect((await api('GET', '/padded-persona/en', qa.token)).body.text).toBe(fresh);

    const next = await api('PUT', '/padded-persona/en', qa.token, { text: fresh, baseVersion: 1 });
    expect(next).toMatchObject({ status: 201, body: { version: 2 } });
    expect((await api('GET', '/padded-persona/en', qa.token)).body.text).toBe(fresh.replace('version: 1 # set by', 'version: 2 # set by'));

    const tooLarge = await api('POST', '/check', qa.token, { text: 'x'.repeat(70 * 1024) });
    expect(tooLarge).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'body: larger than 64 kB' } } });
  });

  it('creates a new persona with baseVersion 0 only when it does not exist yet, and only as the persona its address names', async () => {
    const text = FILE.replace('id: double-charge', 'id: brand-new');
    expect((await api('PUT', '/brand-new/en', qa.token, { text, baseVersion: 0 })).status).toBe(201);
    expect((await api('PUT', '/brand-new/en', qa.token, { text, baseVersion: 0 })).status).toBe(409);
    expect((await api('PUT', '/late-disbursement/en', qa.token, { text: FILE.replace('id: double-charge', 'id: late-disbursement'), baseVersion: 0 })).status).toBe(409);
    expect((await api('PUT', '/unheard-of/en', qa.token, { text, baseVersion: 3 })).status).toBe(409);

    const elsewhere = await api('PUT', '/other-name/zh-Hans', qa.token, { text, baseVersion: 0 });
    expect(elsewhere.status).toBe(400);
    expect(expectShape(PersonaProblemsAnswer, elsewhere.body).problems).toEqual([
      { line: text.split('\n').indexOf('id: brand-new') + 1, field: 'id', message: expect.stringContaining('other-name') },
      { line: text.split('\n').indexOf('locale: en') + 1, field: 'locale', message: expect.stringContaining('zh-Hans') },
    ]);
    expect((await api('GET', '/other-name/zh-Hans', qa.token)).status).toBe(404);

    const list = expectShape(z.array(PersonaFileListItem), (await api('GET', '', admin.token)).body);
    expect(list.find((p) => p.id === 'brand-new')).toMatchObject({ locale: 'en', version: 1, source: 'saved', status: 'valid', problems: [], savedBy: qa.username });
    expect(list.find((p) => p.id === 'late-disbursement' && p.locale === 'zh-Hant')).toMatchObject({ source: 'file', status: 'valid', savedBy: null });
  });
  it("a replay and an export name the persona as the version the session was played with", async () => {
    // A persona and a trainee of its own: the other tests count double-charge's versions and this trainee's sessions.
    const socket = await server.connect((await server.user('trainee')).token);
    const played = SessionStartOk.parse(await emit(socket, 'session:start', { personaId: 'first-time-applicant', locale: 'en' }));
    const latest = (await api('GET', '/first-time-applicant/en', qa.token)).body as { version: number; text: string };
    const renamed = latest.text.replace(/^name: .*$/m, 'name: "Jay, renamed"');
    expect((await api('PUT', '/first-time-applicant/en', qa.token, { text: renamed, baseVersion: latest.version })).status).toBe(201);

    const replay = await call(server.url, 'GET', `/api/sessions/${played.sessionId}`, { token: coach.token });
    expect(expectShape(SessionDetail, replay.body)).toMatchObject({ personaName: played.persona.name, personaVersion: played.persona.version });
    const exported = await call(server.url, 'GET', `/api/sessions/${played.sessionId}/export.json`, { token: coach.token });
    expect(expectShape(SessionExport, exported.body).session).toMatchObject({ personaName: played.persona.name, personaVersion: played.persona.version });
    // The trainee's next session meets the renamed persona.
    const next = SessionStartOk.parse(await emit(socket, 'session:start', { personaId: 'first-time-applicant', locale: 'en' }));
    expect(next.persona.name).toBe('Jay, renamed');
    expect(played.persona.name).not.toBe('Jay, renamed');
  });
});

describe('checking and testing without saving', () => {
  it('checks text: the problems by line, and what the text says it is', async () => {
    expect(expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text: FILE })).body)).toEqual({ ok: true, problems: [], id: 'double-charge', locale: 'en' });
    const missing = FILE.replace(/^summary: .*\n/m, '').replace('locale: en', 'locale: en\nmood_swings: 3');
    const checked = expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text: missing })).body);
    expect(checked).toMatchObject({ ok: false, id: 'double-charge', locale: 'en' });
    expect(checked.problems).toEqual(
      expect.arrayContaining([
        { line: expect.any(Number), field: 'summary', message: expect.any(String), detail: expect.objectContaining({ kind: 'schema', code: 'invalid_type' }) },
        { line: missing.split('\n').indexOf('mood_swings: 3') + 1, field: 'mood_swings', message: 'unknown field', detail: { kind: 'unknown_field' } },
      ]),
    );
    const syntax = expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text: 'id: x\nname: a: b\n' })).body);
    expect(syntax).toMatchObject({ ok: false, problems: [{ line: 2, message: expect.any(String) }] });
  });

  it('refuses a summary that gives a hidden fact away, with what the editor needs to word it in the reader\'s language', async () => {
    // The SMS times are what the customer tells only when asked what she saw.
    const leaking = FILE.replace(/^summary: .*$/m, 'summary: Maria Santos got two payment texts, at 6:02 and 6:04, for her loan repayment.');
    const checked = expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text: leaking })).body);
    expect(checked).toMatchObject({ ok: false, id: 'double-charge', locale: 'en' });
    expect(checked.problems).toEqual([
      {
        line: leaking.split('\n').findIndex((l) => l.startsWith('summary:')) + 1,
        field: 'summary',
        message: expect.stringMatching(/^gives away the hidden fact "sms"/),
        detail: { kind: 'hidden_fact_shown', fact: 'sms', evidence: ['6:02', '6:04'] },
      },
    ]);
    const { version } = expectShape(PersonaSource, (await api('GET', '/double-charge/en', qa.token)).body);
    const refused = await api('PUT', '/double-charge/en', qa.token, { text: leaking, baseVersion: version });
    expect(refused.status).toBe(400);
    expect(expectShape(PersonaProblemsAnswer, refused.body).problems).toEqual(checked.problems);
  });

  it("refuses a signal the server's rubric does not have, by line and field, and takes one it has", async () => {
    const unknown = FILE.replace('    conduct.threat: { anger: 4, trust: -4 }', '    conduct.threat: { anger: 4, trust: -4 }\n    conduct.shouting: { anger: 3 }');
    const checked = (await api('POST', '/check', qa.token, { text: unknown })).body;
    expect(checked).toMatchObject({ ok: false, id: 'double-charge', locale: 'en' });
    expect(checked.problems).toEqual([
      { line: unknown.split('\n').indexOf('    conduct.shouting: { anger: 3 }') + 1, field: 'mood.effects.conduct.shouting', message: `no signal "conduct.shouting" in the rubric ${server.ctx.rubric.id}`, detail: { kind: 'unknown_name', of: 'signal', name: 'conduct.shouting' } },
    ]);
    // The signal beyond the scoring contract is the rubric's, so a persona may use it.
    const known = unknown.replace('conduct.shouting: { anger: 3 }', 'conduct.misinformation: { anger: 1, trust: -3 }');
    expect((await api('POST', '/check', qa.token, { text: known })).body).toMatchObject({ ok: true });
  });

  it.each([
    ['a !!js/function tag', FILE.replace('difficulty: easy', 'difficulty: !!js/function "function () { return process.exit(1) }"'), 'difficulty: !!js/function'],
    ['a custom tag', FILE.replace('scenario: complaint', 'scenario: !include /etc/passwd'), 'scenario: !include'],
  ])('refuses %s cleanly, with its line', async (_label, text, start) => {
    const checked = expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text })).body);
    expect(checked.ok).toBe(false);
    expect(checked.problems).toEqual([{ line: text.split('\n').findIndex((l) => l.startsWith(start)) + 1, message: expect.stringMatching(/tag/i), detail: { kind: 'yaml', code: expect.any(String) } }]);
    expect((await api('PUT', '/double-charge/en', qa.token, { text, baseVersion: 2 })).status).toBe(400);
  });

  it('refuses an alias bomb quickly, with the line where it starts', async () => {
    let bomb = 'id: bomb\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++) bomb += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const started = Date.now();
    const checked = expectShape(PersonaCheck, (await api('POST', '/check', qa.token, { text: bomb })).body);
    expect(checked).toEqual({ ok: false, problems: [{ line: 3, message: expect.stringMatching(/alias/i) }], id: 'bomb', locale: null });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('runs the persona’s own tests on the latest version or on given text', async () => {
    const latest = expectShape(PersonaTestRun, (await api('POST', '/late-disbursement/zh-Hant/tests', qa.token, {})).body);
    expect(latest.failed).toBe(0);
    expect(latest.passed).toBeGreaterThan(0);
    expect(latest.results[0]).toMatchObject({ persona: 'late-disbursement', locale: 'zh-Hant', passed: true });

    const wrong = FILE.replace(/outcome: resolved/, 'outcome: abandoned');
    const run = expectShape(PersonaTestRun, (await api('POST', '/double-charge/en/tests', qa.token, { text: wrong })).body);
    expect(run.failed).toBe(1);
    expect(run.passed).toBe(run.results.length - 1);
    expect(run.results.find((r) => !r.passed)?.failures).toEqual(expect.arrayContaining([expect.stringMatching(/outcome expected abandoned/)]));

    expect((await api('POST', '/double-charge/en/tests', qa.token, { text: FILE.replace('difficulty: easy', 'difficulty: eazy') })).status).toBe(400);
    expect((await api('POST', '/no-such-persona/en/tests', qa.token, {})).status).toBe(404);
  });
});

describe('who and what may ask', () => {
  it('answers trainees and coaches 403, whatever they send', async () => {
    for (const user of [trainee, coach]) {
      expect((await api('GET', '', user.token)).status).toBe(403);
      expect((await api('POST', '/check', user.token, { text: FILE })).status).toBe(403);
      expect((await api('GET', '/double-charge/en', user.token)).status).toBe(403);
      expect((await api('PUT', '/double-charge/en', user.token, { text: FILE, baseVersion: 2 })).status).toBe(403);
      expect((await api('POST', '/double-charge/en/tests', user.token, {})).status).toBe(403);
    }
    expect((await call(server.url, 'GET', '/api/persona-files')).status).toBe(401);
  });

  it.each([
    ['an encoded ../', '/..%2F..%2Fetc/en', 400],
    ['an encoded slash in the locale', '/double-charge/en%2F..%2F..', 400],
    ['an encoded dot-dot id', '/%2E%2E/en', 400],
    ['a dot-dot id', '/../en', 400],
    ['a dot-dot locale', '/double-charge/..', 400],
    ['an unknown locale', '/double-charge/fr', 400],
    ['capitals', '/Double-Charge/en', 400],
    ['a backslash', '/..%5C..%5Cetc/en', 400],
    ['a NUL byte', '/double-charge%00/en', 400],
    ['a bad version', '/double-charge/en/versions/..%2F1', 400],
    ['version 0', '/double-charge/en/versions/0', 400],
    ['a missing version', '/double-charge/en/versions/99', 404],
    ['a plain ../ out of the route', '/../../../etc/passwd', 404],
    ['an unknown persona', '/no-such-persona/en', 404],
  ])('refuses %s', async (_label, path, status) => {
    expect(await rawGet(path, qa.token)).toBe(status);
  });

  it.each([
    ['an unknown key', { text: FILE, baseVersion: 1, force: true }],
    ['a negative baseVersion', { text: FILE, baseVersion: -1 }],
    ['no text', { baseVersion: 1 }],
    ['text of the wrong type', { text: ['id: x'], baseVersion: 1 }],
  ])('refuses a save body with %s', async (_label, body) => {
    const answer = await api('PUT', '/double-charge/en', qa.token, body);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expectShape(ErrorBody, answer.body);
  });
});

describe('the list, with a broken file in personas/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sparring-personas-'));
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    mkdirSync(join(dir, 'double-charge'));
    writeFileSync(join(dir, 'double-charge', 'en.yaml'), FILE);
    mkdirSync(join(dir, 'half-done'));
    writeFileSync(join(dir, 'half-done', 'en.yaml'), FILE.replace('id: double-charge', 'id: half-done').replace('difficulty: easy', 'difficulty: eazy'));
    http = await startHttpServer({ adjust: (ctx) => ({ ...ctx, personas: loadPersonaCatalog(dir) }) });
  });
  afterAll(async () => {
    await http.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists it as invalid with its problems by line, and its text can be read to fix it', async () => {
    const { addUser, tokenFor } = await import('./httpTestServer.ts');
    await addUser(http.ctx.store, 'quinn', 'qa');
    const token = await tokenFor(http.url, 'quinn');
    const list = expectShape(z.array(PersonaFileListItem), (await call(http.url, 'GET', '/api/persona-files', { token })).body);
    expect(list).toEqual([
      expect.objectContaining({ id: 'double-charge', locale: 'en', status: 'valid', version: 1, tests: expect.any(Number) }),
      {
        id: 'half-done',
        locale: 'en',
        name: expect.any(String),
        scenario: 'complaint',
        version: null,
        source: 'file',
        status: 'invalid',
        retired: false,
        problems: [{ line: FILE.split('\n').indexOf('difficulty: easy') + 1, field: 'difficulty', message: expect.any(String), detail: expect.objectContaining({ kind: 'schema' }) }],
        tests: 0,
        savedBy: null,
        savedAt: null,
      },
    ]);
    const broken = expectShape(PersonaSource, (await call(http.url, 'GET', '/api/persona-files/half-done/en', { token })).body);
    expect(broken).toMatchObject({ version: 1, versions: [{ version: 1, source: 'file' }] });
    const fixed = await call(http.url, 'PUT', '/api/persona-files/half-done/en', { token, body: { text: broken.text.replace('difficulty: eazy', 'difficulty: easy'), baseVersion: 1 } });
    expect(fixed).toMatchObject({ status: 201, body: { version: 2 } });
    expectShape(PersonaSaved, fixed.body);
    const after = expectShape(z.array(PersonaFileListItem), (await call(http.url, 'GET', '/api/persona-files', { token })).body);
    expect(after[1]).toMatchObject({ id: 'half-done', status: 'valid', version: 2, source: 'saved', problems: [] });
  });
});
