/**
 * What the HTTP routes and the socket handlers share: configuration, storage, the persona
 * catalogue (files and saved versions), the compiled rubric and the scorer built from it,
 * tokens, the log and the metrics. Built once at start (server/main.ts); tests build their own around a
 * temporary store (and may wrap the scorer, to count its calls).
 */
import type { Tokens } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { SignOutRelay } from './realtime/signOut.ts';
import type { PersonaCatalog } from './personas/personaCatalog.ts';
import type { CompiledRubric } from './scoring/rubric/compile.ts';
import type { Scorer } from './scoring/scorer.ts';
import type { SessionStore } from './store/sessionStore.ts';

export interface ServerContext {
  config: Config;
  store: SessionStore;
  personas: PersonaCatalog;
  rubric: CompiledRubric;
  /** Scores with `rubric`: each trainee turn once, as it is said (server/scoring/scorer.ts). */
  scorer: Scorer;
  tokens: Tokens;
  /**
   * Closes the sockets of a sign-in that ended (logout, password change, an admin's account
   * change) on every process; connected by attachSocketServer. Absent where no socket server
   * runs (HTTP-only tests).
   */
  signOut?: SignOutRelay;
  /** One line, for people reading the server's output: an info line of `logger`. */
  log(line: string): void;
  /**
   * The structured log (pino), for lines that carry ids as fields (request, user, session).
   * Never give it a password, a token or what a trainee or customer said (logger.ts).
   */
  logger: Logger;
  metrics: Metrics;
}
