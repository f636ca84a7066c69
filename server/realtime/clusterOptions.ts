/**
 * The socket.io options that let several server processes serve one set of users: the Redis
 * *streams* adapter, because it is the one adapter that supports connection state recovery,
 * and recovery itself. A client that loses its connection comes back (to this process or to
 * another) with the same socket id, its rooms, and the events it missed replayed from the
 * stream, as long as the process it left could record its session (any clean disconnect,
 * a SIGTERM included). After a crash nothing was recorded: the client gets a fresh
 * connection and asks `session:resume`, which reads the stored turns.
 *
 * Without REDIS_URL the server uses socket.io's in-memory adapter and no recovery: one
 * process, and `session:resume` covers a reconnect.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { RedisConnection } from '../redis/connectRedis.ts';

/** How long a disconnected client's socket.io session is kept for it to come back to. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

export function clusterOptions(redis: RedisConnection, keyPrefix: string): Partial<ServerOptions> {
  return {
    adapter: createAdapter(redis, {
      // Under the store's prefix, so one Redis can hold several deployments (and test runs) apart.
      streamName: `${keyPrefix}socket.io`,
      channelPrefix: `${keyPrefix}socket.io`,
      sessionKeyPrefix: `${keyPrefix}socket.io:session:`,
    }),
    connectionStateRecovery: {
      maxDisconnectionDuration: RECOVERY_WINDOW_MS,
      // The token was checked when the socket first connected, and the recovered socket
      // keeps what the auth middleware stored in socket.data.
      skipMiddlewares: true,
    },
  };
}
