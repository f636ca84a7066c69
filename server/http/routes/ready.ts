/**
 * `GET /api/ready`: readiness, for a load balancer or an orchestrator deciding whether to
 * send this process traffic. 200 `{ ok: true }` when the store answers a cheap call and, with
 * REDIS_URL, Redis answers PING, each within a short time; otherwise 503 naming the part
 * that failed. `/api/health` stays liveness: 200 while the process runs, whatever its
 * dependencies do, so a Redis outage takes processes out of rotation instead of restarting
 * them. Needs no token; says nothing about the backends but which one failed.
 */
import { Router } from 'express';
import type { ReadyAnswer, ReadyPart } from '../../domain/apiAnswers.ts';
import type { Logger } from '../../observability/logger.ts';

/** A check answers (resolves) or not (rejects); what it answers does not matter. */
export type ReadinessChecks = Partial<Record<ReadyPart, () => Promise<unknown>>>;

/** Long enough for a busy backend, short enough for a probe every few seconds. */
export const READY_TIMEOUT_MS = 1000;

class Timeout extends Error {}

function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

export function readyRoutes(checks: ReadinessChecks, logger: Logger, timeoutMs = READY_TIMEOUT_MS): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const parts = Object.entries(checks) as Array<[ReadyPart, () => Promise<unknown>]>;
    const results = await Promise.all(
      parts.map(async ([part, check]) => {
        try {
          await within(timeoutMs, check);
          return null;
        } catch (err) {
          logger.warn({ part, err: err instanceof Error ? err.message : String(err) }, `not ready: ${part} is not answering`);
          return { part, reason: err instanceof Timeout ? ('timeout' as const) : ('error' as const) };
        }
      }),
    );
    const failed = results.filter((r) => r !== null);
    const answer: ReadyAnswer = failed.length === 0 ? { ok: true } : { ok: false, failed };
    res.status(failed.length === 0 ? 200 : 503).json(answer);
  });
  return router;
}
