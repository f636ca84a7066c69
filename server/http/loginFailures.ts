/**
 * Counts refused logins for the metrics, by the error code answered (`unauthorized` for a
 * wrong username or password, `too_many_attempts` when the limiter refused, `bad_request`
 * for a malformed body, and whatever code the login route answers in future), by watching
 * the answer go out: the login route and its limiter stay unaware of metrics.
 */
import type { RequestHandler } from 'express';
import type { Metrics } from '../observability/metrics.ts';
import { errorCodeOf } from './errors.ts';

export function countLoginFailures(metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 400) return;
      metrics.loginFailures.inc({ reason: errorCodeOf(res) ?? `http_${res.statusCode}` });
    });
    next();
  };
}
