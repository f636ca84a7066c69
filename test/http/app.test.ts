/**
 * The app around the routes: health, unknown routes in the error shape, headers, the web
 * client (built or not), and what a client sees when the store or the code fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledRubric } from '../../server/scoring/rubric/compile.ts';
import { ErrorBody, HealthAnswer } from '../../server/domain/apiAnswers.ts';
import { addSession, addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

const noClient = join(tmpdir(), 'sparring-no-client-here');

describe('the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clientDir: noClient });
  });
  afterAll(() => server.close());

  it('answers GET /api/health without a token', async () => {
    const res = await call(server.url, 'GET', '/api/health');
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expectShape(HealthAnswer, res.body);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers unknown /api routes 404 in the error shape, with or without a token', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/health'], ['PUT', '/api/login'], ['GET', '/api'], ['GET', '/api/']]) {
      const res = await call(server.url, method!, path!);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining(`no route ${method}`) } });
      expectShape(ErrorBody, res.body);
    }
  });

  it('answers a wrong method on a signed-in route 401 to a stranger and 404 to a user', async () => {
    await addUser(server.ctx.store, 'carol', 'coach');
    const token = await tokenFor(server.url, 'carol');
    expect((await call(server.url, 'DELETE', '/api/sessions/x')).status).toBe(401);
    const res = await call(server.url, 'DELETE', '/api/sessions/x', { token });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('no route DELETE /api/sessions/x');
  });

  it('says at / that the client is not built and where the API is', async () => {
    const res = await call(server.url, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.body).toContain('/api');
    expect(res.body).toContain('npm run build');
  });

  it('answers other paths 404 in the error shape', async () => {
    const res = await call(server.url, 'GET', '/trainee', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(expectShape(ErrorBody, res.body).error.code).toBe('not_found');
  });
});

describe('the built client', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'sparring-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>client</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer({ clientDir: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves its files', async () => {
    expect((await call(server.url, 'GET', '/')).body).toContain('<title>client</title>');
    const js = await call(server.url, 'GET', '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it("answers index.html for the client's own pages, and 404 for a missing file", async () => {
    const page = await call(server.url, 'GET', '/coach/sessions/123', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>client</title>');
    expect((await call(server.url, 'GET', '/assets/missing.js')).status).toBe(404);
  });

  it('keeps /api out of the fallback', async () => {
    const res = await call(server.url, 'GET', '/api/nope', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(expectShape(ErrorBody, res.body).error.code).toBe('not_found');
  });
});

describe('failures', () => {
  it('answers 503 "try again" when the store fails, and logs it', async () => {
    const server = await startTestServer({
      clientDir: noClient,
      // The real store, with one call failing as a full disk or a lost Redis would.
      adjust: (ctx) => ({
        ...ctx,
        store: new Proxy(ctx.store, {
          get: (target, p, r) => (p === 'listSessions' ? () => Promise.reject(new Error('ENOSPC: no space left')) : Reflect.get(target, p, r)),
        }),
      }),
    });
    try {
      await addUser(server.ctx.store, 'carol', 'coach');
      const res = await call(server.url, 'GET', '/api/sessions', { token: await tokenFor(server.url, 'carol') });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'unavailable', message: 'the store is not answering: try again' } });
      expect(server.logs.some((l) => l.includes('listSessions failed: ENOSPC'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('answers 500 without a stack trace when the code fails, and logs where', async () => {
    const server = await startTestServer({ clientDir: noClient, adjust: (ctx) => ({ ...ctx, rubric: {} as CompiledRubric }) });
    try {
      const tina = await addUser(server.ctx.store, 'tina', 'trainee');
      const running = await addSession(server.ctx, tina.id, { opening: 'Hello?', replies: [['Hello, how can I help you today?', 'My loan.']] });
      const res = await call(server.url, 'GET', `/api/sessions/${running.id}`, { token: await tokenFor(server.url, 'tina') });
      expect(res.status).toBe(500);
      // Nothing of the failure, but the id that finds its log line.
      const requestId = res.headers.get('x-request-id');
      expect(res.body).toEqual({ error: { code: 'internal', message: `something went wrong on the server (request ${requestId})` } });
      expect(server.logs.some((l) => l.includes(`(request ${requestId}): internal error`))).toBe(true);
      // Where: the failing frame, as "(at file:line:col)" or "(at fn (file:line:col))".
      expect(server.logs.some((l) => /internal error: .*\(at .+:\d+:\d+\)+$/.test(l))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
