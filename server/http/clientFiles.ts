/**
 * Serves the built web client from `client/dist`: its files, and `index.html` for any other
 * page GET, so the client's own routes survive a reload. When the client is not built, `/`
 * answers a short page that says so, and the API works all the same. Whether it is built is
 * looked at once, when the app is created.
 */
import { existsSync } from 'node:fs';
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

export function clientFiles(dir: string = CLIENT_DIR): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    router.get('/', (_req, res) => {
      res.type('html').send(NOT_BUILT);
    });
    return router;
  }
  router.use(express.static(dir, { index: 'index.html' }));
  router.use((req, res, next) => {
    // Only a page load (a browser asks for text/html by name) falls back to the client;
    // a missing script or image, asked for with */*, stays a 404.
    const pageLoad = (req.method === 'GET' || req.method === 'HEAD') && (req.get('accept') ?? '').includes('text/html');
    if (!pageLoad || req.path.startsWith('/api/')) return next();
    res.sendFile(index);
  });
  return router;
}
