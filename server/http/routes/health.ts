/** `GET /api/health`: the process answers. For load balancers and start scripts; needs no token. */
import { Router } from 'express';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  return router;
}
