/**
 * `GET /api/signals`: the loaded rubric's signals as the web client shows them (label per
 * interface language, tone, criterion, tags), for any signed-in role. Browser-safe: built by
 * server/scoring/rubric/signalCatalog.ts, which leaves detectors and word lists out.
 */
import { Router } from 'express';
import { signalCatalog } from '../../scoring/rubric/signalCatalog.ts';
import type { ServerContext } from '../../serverContext.ts';

export function signalRoutes(ctx: ServerContext): Router {
  const router = Router();
  // The rubric is loaded once at start: the answer is built once too.
  const catalog = signalCatalog(ctx.rubric);
  router.get('/', (_req, res) => {
    res.json(catalog);
  });
  return router;
}
