/**
 * The HTTP side of the server: the JSON API under /api (contract: shared realtime.md) and
 * the built web client. Every route but health and login sits behind `authenticate`; every
 * body goes through a strict zod schema, so a missing field, a wrong type or an extra key
 * (`__proto__` included) is a 400 that names the field and changes nothing. server/main.ts
 * listens with it and attaches socket.io to the same server.
 */
import express from 'express';
import { createLoginLimiter, type LoginLimiter } from '../auth/loginLimiter.ts';
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
import { loginRoutes } from './routes/login.ts';
import { personaFileRoutes } from './routes/personaFiles.ts';
import { personaRoutes } from './routes/personas.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { signalRoutes } from './routes/signals.ts';
import { traineeRoutes } from './routes/trainees.ts';
import { userRoutes } from './routes/users.ts';
import { guardStore } from '../store/storeGuard.ts';
import { createPersonaTestRunner, type PersonaTestRunner } from '../workers/personaTestRunner.ts';

/** No API body needs more: the longest is a new user. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAppOptions {
  /** Where the built client is; defaults to client/dist. */
  clientDir?: string;
  /** Defaults to a limiter with LOGIN_LIMIT_DEFAULTS that logs through ctx.log. */
  loginLimiter?: LoginLimiter;
  /** Where persona tests run; defaults to a worker thread with PERSONA_TEST_LIMITS. */
  personaTests?: PersonaTestRunner;
}

export function createHttpApp(ctx: ServerContext, options: HttpAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const guarded: ServerContext = { ...ctx, store: guardStore(ctx.store) };
  const limiter = options.loginLimiter ?? createLoginLimiter({ log: ctx.log });
  const json = jsonBody(BODY_LIMIT_BYTES);
  const signedIn = authenticate(guarded);

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry tokens and transcripts: no cache keeps them.
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  api.use('/health', healthRoutes());
  api.use('/login', json, loginRoutes(guarded, limiter));
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
  app.use(clientFiles(options.clientDir));
  app.use((req, res) => sendError(res, 'not_found', `nothing at ${req.path}`));
  app.use(errorHandler(ctx.log, BODY_LIMIT_BYTES));
  return app;
}
