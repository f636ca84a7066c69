/**
 * What the HTTP routes and the socket handlers share: configuration, storage, the persona
 * catalogue (files and saved versions), the compiled rubric, tokens and the log. Built once at start (server/main.ts);
 * tests build their own around a temporary store.
 */
import type { Tokens } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { PersonaCatalog } from './personas/personaCatalog.ts';
import type { CompiledRubric } from './scoring/rubric/compile.ts';
import type { SessionStore } from './store/sessionStore.ts';

export interface ServerContext {
  config: Config;
  store: SessionStore;
  personas: PersonaCatalog;
  rubric: CompiledRubric;
  tokens: Tokens;
  /** One line, for people reading the server's output. */
  log(line: string): void;
}
