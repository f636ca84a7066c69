/**
 * The server's Prometheus metrics (prom-client), in a registry of its own per server, so
 * tests can build several servers in one process and read each one's numbers. Served at
 * `GET /metrics` (server/http/routes/metrics.ts). Each metric is fed where the event it
 * counts happens: the socket layer times turns, the session steps count sessions, the
 * customer reply times the LLM, the store guard counts store failures, the login route's
 * answers count failed logins.
 *
 * Counts are this process's: with several processes, Prometheus sums them (the open
 * sessions gauge too: a session started here and ended on another process is +1 here and
 * −1 there).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** `trainee:say`, from its arrival to its acknowledgement (scored and stored). */
  turnLatency: Histogram<never>;
  /** Trainee turns stored, by the session's mode (`scripted`, `llm`). */
  turns: Counter<'mode'>;
  /** Sessions started and not yet ended. */
  openSessions: Gauge<never>;
  /** From asking the LLM for a customer reply to its first words. */
  llmFirstToken: Histogram<never>;
  /** Customer replies where the scripted line stood in for the LLM's, by the LLM error's code. */
  llmFallbacks: Counter<'reason'>;
  /** Store calls that failed or timed out, by the store method. */
  storeErrors: Counter<'method'>;
  /** Refused logins, by the error code answered (`unauthorized`, `too_many_attempts`, `bad_request`…). */
  loginFailures: Counter<'reason'>;
}

export interface MetricsOptions {
  /** The process's own figures (CPU, memory, event loop lag, handles); on by default. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    turnLatency: new Histogram({
      name: 'sparring_turn_latency_seconds',
      help: 'trainee:say from its arrival to its acknowledgement (scored and stored)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    turns: new Counter({ name: 'sparring_turns_total', help: 'trainee turns stored, by session mode', labelNames: ['mode'], registers }),
    openSessions: new Gauge({ name: 'sparring_open_sessions', help: 'sessions started and not yet ended (by this process)', registers }),
    llmFirstToken: new Histogram({
      name: 'sparring_llm_first_token_seconds',
      help: 'from asking the LLM for a customer reply to its first words',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    }),
    llmFallbacks: new Counter({
      name: 'sparring_llm_fallbacks_total',
      help: 'customer replies where the scripted line stood in for the LLM, by reason',
      labelNames: ['reason'],
      registers,
    }),
    storeErrors: new Counter({ name: 'sparring_store_errors_total', help: 'store calls that failed or timed out, by method', labelNames: ['method'], registers }),
    loginFailures: new Counter({ name: 'sparring_login_failures_total', help: 'refused logins, by the error code answered', labelNames: ['reason'], registers }),
  };
  // Both modes shown from the start, so a rate over them is defined before the first turn.
  for (const mode of ['scripted', 'llm']) metrics.turns.inc({ mode }, 0);
  return metrics;
}

/** Seconds since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
