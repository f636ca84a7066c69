/**
 * Serves the built web client from `client/dist`: its files, and `index.html` for any other
 * page GET, so the client's own routes survive a reload. When the client is not built, `/`
 * answers a short page that says so, and the API works all the same. Whether it is built is
 * looked at once, when the app is created. Hashed assets are cached for a year, the page
 * itself revalidated on every load.
 */
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const CLIENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client', 'dist');

const NOT_BUILT = `<!doctype html>
<meta charset="utf-8">
<title>Sparring</title>
<p>The Sparring server is running. Its API is under <a href="/api/health">/api</a>.</p>
<p>The web client is not built: run <code>npm run build</code>, then restart the server.</p>
`;

// Vite names every built asset after its content (index-BxcW_m28.js): a changed file is a new
// name, so a browser may keep one for a year without asking again. The page that names them,
// index.html, is asked for again every time (no-cache: revalidated, not refetched when
// unchanged), so a new release is picked up at the next load.
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const PAGE_CACHE = 'no-cache';
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/;

function cacheFor(res: ServerResponse, path: string): void {
  if (HASHED_ASSET.test(path)) res.setHeader('Cache-Control', ASSET_CACHE);
  else if (path.endsWith('.html')) res.setHeader('Cache-Control', PAGE_CACHE);
}

export function clientFiles(dir: string = CLIENT_DIR): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    router.get('/', (_req, res) => {
      res.type('html').send(NOT_BUILT);
    });
    return router;
  }
  router.use(express.static(dir, { index: 'index.html', setHeaders: cacheFor }));
  router.use((req, res, next) => {
    // Only a page load (a browser asks for text/html by name) falls back to the client;
    // a missing script or image, asked for with */*, stays a 404.
    const pageLoad = (req.method === 'GET' || req.method === 'HEAD') && (req.get('accept') ?? '').includes('text/html');
    if (!pageLoad || req.path.startsWith('/api/')) return next();
    res.sendFile(index, { headers: { 'Cache-Control': PAGE_CACHE } });
  });
  return router;
}
