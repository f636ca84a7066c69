/**
 * The headers a browser is given (server/http/securityHeaders.ts, clientFiles.ts): every
 * answer, page or API, error or not, carries the Content-Security-Policy, frame-ancestors
 * 'none' with X-Frame-Options DENY, and Referrer-Policy no-referrer. The client's hashed
 * assets are cached for a year, its page revalidated on every load. A client folder made by
 * the test stands in for the build (the browser layer checks the real one).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

const ASSET = 'index-BxcW_m28.js';
let clientDir: string;
let server: TestServer;
let token: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'sparring-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), `<!doctype html><title>Sparring</title><script type="module" src="/assets/${ASSET}"></script>`);
  writeFileSync(join(clientDir, 'assets', ASSET), 'console.log("client")');
  server = await startTestServer({ clientDir });
  await addUser(server.ctx.store, 'carol', 'coach');
  token = await tokenFor(server.url, 'carol');
});
afterAll(async () => {
  await server.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const page = (path: string) => fetch(server.url + path, { headers: { accept: 'text/html' } });

function expectBrowserHeaders(headers: Headers): void {
  const csp = headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  expect(directives.get('default-src')).toBe("'self'");
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('style-src')).toBe("'self'");
  expect(directives.get('connect-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('frame-ancestors')).toBe("'none'");
  // Nothing inline is allowed, and plain HTTP on a private network keeps working.
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('every answer', () => {
  it.each([
    ['the page', () => page('/')],
    ['a client route, reloaded', () => page('/coach/sessions/123')],
    ['a hashed asset', () => fetch(`${server.url}/assets/${ASSET}`)],
    ['the API', () => fetch(`${server.url}/api/health`)],
    ['an API answer for a signed-in user', () => fetch(`${server.url}/api/personas`, { headers: { authorization: `Bearer ${token}` } })],
    ['an API error', () => fetch(`${server.url}/api/nothing-here`)],
    ['a missing file', () => fetch(`${server.url}/assets/missing-AAAAAAAA.js`)],
  ])('carries the policy, no framing and no referrer: %s', async (_what, get) => {
    const res = await get();
    expectBrowserHeaders(res.headers);
  });
});

describe('caching', () => {
  it('keeps a hashed asset for a year', async () => {
    const res = await fetch(`${server.url}/assets/${ASSET}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/trainee', '/coach/sessions/123'])('asks again for the page every time: %s', async (path) => {
    const res = await page(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(ASSET);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets no cache keep an API answer', async () => {
    const res = await call(server.url, 'GET', '/api/personas', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
