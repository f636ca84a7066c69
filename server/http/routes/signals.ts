/**
 * `GET /api/signals`: the loaded rubric's signals as the web client shows them (label per
 * interface language, tone, criterion, tags), for any signed-in role. Browser-safe: built by
 * server/scoring/rubric/signalCatalog.ts, which leaves detectors and word lists out.
 */
import { Router } from 'express';
import { signalCatalog, type SignalCatalog } from '../../scoring/rubric/signalCatalog.ts';
import type { ServerContext } from '../../serverContext.ts';

export function signalRoutes(ctx: ServerContext): Router {
  const router = Router();
  // The rubric is loaded once at start: the answer is built once too, when first asked for.
  let catalog: SignalCatalog | undefined;
  router.get('/', (_req, res) => {
    catalog ??= signalCatalog(ctx.rubric);
    res.json(catalog);
  });
  return router;
}
