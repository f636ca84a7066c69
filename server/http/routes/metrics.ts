/**
 * `GET /metrics`: the Prometheus text format of the server's registry, for a scraper that
 * sends `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the route does not
 * exist (404), so a deployment that did not choose a token exposes nothing. The token is
 * compared in constant time; a wrong or missing one is 401. Outside /api: it is not part of
 * the application's API, and a proxy can keep it internal by its path alone.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Metrics } from '../../observability/metrics.ts';
import { bearerToken } from '../authenticate.ts';
import { sendError } from '../errors.ts';

// Digests first: timingSafeEqual needs equal lengths, and the length must not leak either.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    if (!token) return sendError(res, 'not_found', `nothing at ${req.originalUrl.split('?')[0]}`);
    const given = bearerToken(req.get('authorization'));
    if (!given || !timingSafeEqual(digest(given), digest(token))) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return sendError(res, 'unauthorized', 'send Authorization: Bearer <METRICS_TOKEN>');
    }
    res.set('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
