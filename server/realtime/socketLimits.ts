/**
 * The limits on what one user does over sockets, counted for the user, not the connection:
 * events per 10 seconds (SPARRING_EVENT_RATE), sessions started per minute
 * (SPARRING_SESSION_STARTS) and open connections (SPARRING_SOCKETS_PER_USER). Opening more
 * tabs does not multiply them, and with REDIS_URL they count on every process together.
 */
import type { Config } from '../config.ts';
import { rateLimit, type LimitStore, type RateLimit } from '../limits/limitStore.ts';
import { redisSocketLeases } from '../limits/redisSocketLeases.ts';
import { memorySocketLeases, type SocketLeases } from '../limits/socketLeases.ts';

export const EVENT_WINDOW_SECONDS = 10;
export const START_WINDOW_SECONDS = 60;

export interface SocketLimits {
  /** Every incoming event, unknown and malformed ones included, so a flood of garbage costs the sender. */
  events: RateLimit;
  sessionStarts: RateLimit;
  sockets: SocketLeases;
}

export function socketLimits(store: LimitStore, limits: Config['limits']): SocketLimits {
  return {
    events: rateLimit(store, { name: 'socket-events', points: limits.eventsPer10s, durationSeconds: EVENT_WINDOW_SECONDS }),
    sessionStarts: rateLimit(store, { name: 'session-starts', points: limits.sessionStartsPerMinute, durationSeconds: START_WINDOW_SECONDS }),
    sockets: store.kind === 'redis' ? redisSocketLeases(store.redis, store.keyPrefix) : memorySocketLeases(),
  };
}
