/**
 * SPARRING_REDIS_PREFIX: what every Redis key of this deployment starts with (the store's
 * records and socket.io's stream and sessions alike), so one Redis can hold several
 * deployments, or test runs, side by side. Every process of one deployment must use the
 * same. Read beside readConfig, and refused the same way when it is not a plain prefix.
 */
import { StartupError } from './startupError.ts';

export const DEFAULT_REDIS_KEY_PREFIX = 'sparring:';

export function readRedisKeyPrefix(env: NodeJS.ProcessEnv): string {
  const value = env.SPARRING_REDIS_PREFIX;
  if (value === undefined || value === '') return DEFAULT_REDIS_KEY_PREFIX;
  // Glob characters would make the prefix unusable for cleaning up with SCAN MATCH.
  if (!/^[\w.:-]{1,64}$/.test(value)) {
    throw new StartupError(`configuration: SPARRING_REDIS_PREFIX=${JSON.stringify(value)}: must be 1 to 64 letters, digits, ".", ":", "_" or "-"`);
  }
  return value;
}
