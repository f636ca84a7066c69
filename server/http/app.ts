/**
 * The HTTP side of the server: the JSON API under /api (contract: shared realtime.md) and
 * the built web client. Every route but health, ready and login sits behind `authenticate`; every
 * body goes through a strict zod schema, so a missing field, a wrong type or an extra key
 * (`__proto__` included) is a 400 that names the field and changes nothing. server/main.ts
 * listens with it and attaches socket.io to the same server.
 */
import express from 'express';
import { configuredLoginLimiter, type LoginLimiter } from '../auth/loginLimiter.ts';
import { MEMORY } from '../limits/limitStore.ts';
import { trustFunction } from '../limits/trustProxy.ts';
import type { ServerContext } from '../serverContext.ts';
import { authenticate } from './authenticate.ts';
import { clientFiles } from './clientFiles.ts';
import { errorHandler } from './errorHandler.ts';
import { jsonBody } from './jsonBody.ts';
import { securityHeaders } from './securityHeaders.ts';
import { sendError } from './errors.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { logoutRoutes, passwordRoutes } from './routes/account.ts';
import { loginRoutes } from './routes/login.ts';
import { meRoutes } from './routes/me.ts';
import { personaFileRoutes } from './routes/personaFiles.ts';
import { personaRoutes } from './routes/personas.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { signalRoutes } from './routes/signals.ts';
import { traineeRoutes } from './routes/trainees.ts';
import { userRoutes } from './routes/users.ts';
import { guardStore } from '../store/storeGuard.ts';
import { countLoginFailures } from './loginFailures.ts';
import { requestLog } from './requestLog.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { readyRoutes } from './routes/ready.ts';
import { createPersonaTestRunner, type PersonaTestRunner } from '../workers/personaTestRunner.ts';

/** No API body needs more: the longest is a new user. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAppOptions {
  /** Where the built client is; defaults to client/dist. */
  clientDir?: string;
  /** Defaults to one in this process's memory, with the configured limits, logging through ctx.log (server/startup/launch.ts gives the shared one). */
  loginLimiter?: LoginLimiter;
  /** With REDIS_URL: a PING on the server's Redis connection, which `/api/ready` checks. */
  pingRedis?: () => Promise<unknown>;
  /** Where persona tests run; defaults to a worker thread with PERSONA_TEST_LIMITS. */
  personaTests?: PersonaTestRunner;
}

export function createHttpApp(ctx: ServerContext, options: HttpAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip: the client behind the proxies TRUST_PROXY names, the same rule as the socket handshake's.
  app.set('trust proxy', trustFunction(ctx.config.trustProxy));
  app.use(securityHeaders());
  app.use(requestLog(ctx.logger));
  const guarded: ServerContext = { ...ctx, store: guardStore(ctx.store, { onError: (method) => ctx.metrics.storeErrors.inc({ method }) }) };
  const limiter = options.loginLimiter ?? configuredLoginLimiter(MEMORY, ctx.config.limits, ctx.log);
  const json = jsonBody(BODY_LIMIT_BYTES);
  const signedIn = authenticate(guarded);
  // Open to an account that must change its password: what it needs to do so, or to leave.
  const signedInToChange = authenticate(guarded, { whilePasswordChangeRequired: true });

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry tokens and transcripts: no cache keeps them.
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  api.use('/health', healthRoutes());
  // The store unguarded: a probe that times out is not counted as a store error at every probe.
  api.use('/ready', readyRoutes({ store: () => ctx.store.countUsers(), ...(options.pingRedis ? { redis: options.pingRedis } : {}) }, ctx.logger));
  api.use('/login', countLoginFailures(ctx.metrics), json, loginRoutes(guarded, limiter));
  api.use('/logout', signedInToChange, logoutRoutes(guarded));
  api.use('/password', signedInToChange, json, passwordRoutes(guarded));
  api.use('/me', signedInToChange, meRoutes(guarded));
  // The token is checked before the body is read: a stranger learns nothing about the rules.
  api.use('/users', signedIn, json, userRoutes(guarded));
  api.use('/personas', signedIn, personaRoutes(guarded));
  api.use('/signals', signedIn, signalRoutes(guarded));
  // Its own JSON parser, with the persona text's own limit.
  api.use('/persona-files', signedIn, personaFileRoutes(guarded, options.personaTests ?? createPersonaTestRunner()));
  api.use('/sessions', signedIn, json, sessionRoutes(guarded), reviewRoutes(guarded), exportRoutes(guarded));
  api.use('/trainees', signedIn, traineeRoutes(guarded));
  api.use('/assignments', signedIn, json, assignmentRoutes(guarded));
  api.use((req, res) => sendError(res, 'not_found', `no route ${req.method} /api${req.path}`));

  app.use('/api', api);
  app.use('/metrics', metricsRoutes(ctx.metrics, ctx.config.metricsToken));
  app.use(clientFiles(options.clientDir));
  app.use((req, res) => sendError(res, 'not_found', `nothing at ${req.path}`));
  app.use(errorHandler(ctx.log, BODY_LIMIT_BYTES));
  return app;
}
