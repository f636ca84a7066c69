/**
 * Where the limits keep their counts: this process's memory, or Redis when REDIS_URL is set,
 * so every process counts together and a client cannot multiply a limit by the number of
 * processes. Built on rate-limiter-flexible; everything above speaks of one `RateLimit`.
 *
 * With Redis, each limit keeps a memory twin (rate-limiter-flexible's insurance limiter)
 * that answers while Redis is unreachable: limits go on holding per process instead of
 * failing every login and every event with the outage.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisConnection } from '../redis/connectRedis.ts';

export type LimitStore = { kind: 'memory' } | { kind: 'redis'; redis: RedisConnection; keyPrefix: string };

export const MEMORY: LimitStore = { kind: 'memory' };

export interface RateLimitOptions {
  /** What the counts are of, unique per limit: part of every key. */
  name: string;
  /** Points allowed per window. */
  points: number;
  /** The window, in whole seconds, from the first point taken. */
  durationSeconds: number;
}

export type Taken = { ok: true; count: number } | { ok: false; retryAfterSeconds: number };

/** A fixed-window counter per key. */
export interface RateLimit {
  /** Counts `points` against `key`; refused (still counted) when that passes the limit. */
  take(key: string, points?: number, windowSeconds?: number): Promise<Taken>;
  /** The count so far, and when it ends; null when nothing is counted. */
  peek(key: string): Promise<{ count: number; retryAfterSeconds: number } | null>;
  /** Gives points back (an attempt that should not count after all). */
  giveBack(key: string, points?: number): Promise<void>;
  /** Forgets the key. */
  clear(key: string): Promise<void>;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export function rateLimit(store: LimitStore, options: RateLimitOptions): RateLimit {
  const common = { points: options.points, duration: options.durationSeconds };
  const memory = new RateLimiterMemory({ ...common, keyPrefix: options.name });
  const limiter: RateLimiterAbstract =
    store.kind === 'memory'
      ? memory
      : new RateLimiterRedis({
          ...common,
          storeClient: store.redis,
          keyPrefix: `${store.keyPrefix}limits:${options.name}`,
          // node-redis 6's client is not recognised by its constructor's name: say which package it is.
          useRedisPackage: true,
          // A call while the connection is down goes to the memory twin at once instead of waiting.
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        });

  return {
    async take(key, points = 1, windowSeconds) {
      try {
        const res = await limiter.consume(key, points, windowSeconds ? { customDuration: windowSeconds } : {});
        return { ok: true, count: res.consumedPoints };
      } catch (refused) {
        // rate-limiter-flexible rejects with the counts when over the limit, with an Error when the store failed.
        if (refused instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: seconds(refused.msBeforeNext) };
        throw refused;
      }
    },
    async peek(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints > 0 ? { count: res.consumedPoints, retryAfterSeconds: seconds(res.msBeforeNext) } : null;
    },
    async giveBack(key, points = 1) {
      const res = await limiter.get(key);
      // Nothing to give back once the window has ended (a reward would open a window of its own).
      if (res && res.consumedPoints > 0) await limiter.reward(key, Math.min(points, res.consumedPoints));
    },
    async clear(key) {
      await limiter.delete(key);
    },
  };
}
