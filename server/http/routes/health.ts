/** `GET /api/health`: the process answers. For load balancers and start scripts; needs no token. */
import { Router } from 'express';
import type { HealthAnswer } from '../../domain/apiAnswers.ts';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const answer: HealthAnswer = { ok: true };
    res.json(answer);
  });
  return router;
}
