/**
 * The per-connection event rate limit (ctx.config.limits.eventsPer10s): a sliding window of
 * the last 10 seconds. Every incoming event counts, unknown and malformed ones included, so
 * a flood of garbage costs the sender, not the server.
 */
export const RATE_WINDOW_MS = 10_000;

export interface EventRate {
  /** True when one more event is allowed now (and counts it). */
  take(now?: number): boolean;
}

export function eventRate(perWindow: number, windowMs: number = RATE_WINDOW_MS): EventRate {
  const times: number[] = [];
  return {
    take(now = Date.now()) {
      while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
      if (times.length >= perWindow) return false;
      times.push(now);
      return true;
    },
  };
}
