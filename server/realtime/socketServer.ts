/**
 * The real-time conversation layer: socket.io on the HTTP server. The handshake checks the
 * token; each connection joins its user's room (`user:<id>`) and its token's room (for
 * logout: signOut.ts), and server events go to the session owner's room only, so every tab
 * of that trainee (on any process, with an adapter) follows the conversation and nobody
 * else does. The handshake also passes the limit on connections per user (socketQuota.ts);
 * incoming events pass the per-user rate limit (userEventRate.ts), the sign-in check
 * (eventSignIn.ts: the token again, the role re-read), then their checks (clientEvent.ts),
 * then one lifecycle step each (server/sessions/), session starts a per-user limit of their
 * own (sessionStartRate.ts). Unknown events are answered `bad_request` when they carry an
 * ack callback, and otherwise dropped.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ServerContext } from '../serverContext.ts';
import { fail } from '../sessions/ackErrors.ts';
import { guardStore } from '../store/storeGuard.ts';
import { CLIENT_EVENTS, clientPayloads, type ClientEvent, type ClientToServerEvents, type ServerToClientEvents } from '../sessions/payloads.ts';
import { sessionEnd } from '../sessions/sessionEnd.ts';
import { sessionResume } from '../sessions/sessionResume.ts';
import { sessionStart } from '../sessions/sessionStart.ts';
import type { OwnerRoom } from '../sessions/step.ts';
import { traineeSay } from '../sessions/traineeSay.ts';
import { ackOf, listen, type ServerSocket } from './clientEvent.ts';
import { MEMORY } from '../limits/limitStore.ts';
import { trustFunction } from '../limits/trustProxy.ts';
import { handshake, type SocketData } from './handshake.ts';
import { rateLimitedStart } from './sessionStartRate.ts';
import { socketLimits, type SocketLimits } from './socketLimits.ts';
import { renewLeases, socketQuota, trackConnection } from './socketQuota.ts';
import { userEventRate } from './userEventRate.ts';
import { eventSignInGate } from './eventSignIn.ts';
import { tokenRoom, userRoom } from './signOut.ts';

// A store call that has not answered by then is answered `unavailable`.
const DEFAULT_STORE_TIMEOUT_MS = 5000;

export type SocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerOptions {
  /** A cluster adapter (server/main.ts: the Redis streams adapter when REDIS_URL is set). */
  adapter?: ServerOptions['adapter'];
  connectionStateRecovery?: ServerOptions['connectionStateRecovery'];
  /** How long a store call may take before the client is answered `unavailable`. */
  storeTimeoutMs?: number;
  /** The per-user limits; by default counted in this process's memory (server/startup/launch.ts gives shared ones with Redis). */
  limits?: SocketLimits;
}

export { userRoom };

const isClientEvent = (event: unknown): event is ClientEvent => CLIENT_EVENTS.includes(event as ClientEvent);

export function attachSocketServer(httpServer: HttpServer, ctx: ServerContext, options: SocketServerOptions = {}): SocketServer {
  const onError = (method: string) => ctx.metrics.storeErrors.inc({ method });
  const sessionCtx: ServerContext = { ...ctx, store: guardStore(ctx.store, { timeoutMs: options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS, onError }) };
  const { limits } = ctx.config;
  const schemas = clientPayloads(limits.maxText);
  const io: SocketServer = new Server(httpServer, {
    serveClient: false,
    // Room for the longest allowed text in any script; a bigger message closes the connection before parsing.
    maxHttpBufferSize: Math.max(100_000, limits.maxText * 16),
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ...(options.connectionStateRecovery ? { connectionStateRecovery: options.connectionStateRecovery } : {}),
  });
  const roomOf = (userId: string): OwnerRoom => ({
    emit: (event, payload) => {
      // OwnerRoom's emit is typed by the same map; socket.io's own generics do not see through the forwarding.
      const room = io.to(userRoom(userId)) as unknown as { emit(event: string, payload: unknown): boolean };
      room.emit(event, payload);
    },
  });

  const perUser = options.limits ?? socketLimits(MEMORY, limits);
  ctx.signOut?.attach(io);
  io.use(handshake(sessionCtx));
  io.use(socketQuota({ leases: perUser.sockets, max: limits.socketsPerUser, trust: trustFunction(ctx.config.trustProxy), log: ctx.log }));
  const stopRenewing = renewLeases(() => io.of('/').sockets.values(), perUser.sockets, ctx.log);
  httpServer.once('close', stopRenewing);
  const start = rateLimitedStart(perUser.sessionStarts, limits.sessionStartsPerMinute, sessionStart);
  io.on('connection', (socket: ServerSocket) => {
    const { userId } = socket.data.caller;
    void socket.join([userRoom(userId), tokenRoom(socket.data.verified.jti)]);
    ctx.logger.debug({ userId, socketId: socket.id, recovered: socket.recovered }, 'socket connected');
    socket.once('disconnect', (reason) => ctx.logger.debug({ userId, socketId: socket.id, reason }, 'socket disconnected'));
    trackConnection(socket, perUser.sockets, ctx.log);
    socket.use(userEventRate(socket, perUser.events, limits.eventsPer10s, ctx.log));
    const signedIn = eventSignInGate(socket, sessionCtx);
    socket.use(([event, ...args], next) => {
      const ack = ackOf(args);
      if (!isClientEvent(event)) return ack?.(fail('bad_request', 'unknown event'));
      signedIn(String(event), ack, next);
    });
    const room = roomOf(userId);
    const bySession = (_: unknown, p: { sessionId: string }): string => `session:${p.sessionId}`;
    listen(socket, sessionCtx, 'session:start', { schema: schemas['session:start'], run: start, lock: (c) => `trainee:${c.userId}` }, room);
    listen(socket, sessionCtx, 'trainee:say', { schema: schemas['trainee:say'], run: traineeSay, lock: bySession }, room);
    listen(socket, sessionCtx, 'session:resume', { schema: schemas['session:resume'], run: sessionResume, lock: bySession }, room);
    listen(socket, sessionCtx, 'session:end', { schema: schemas['session:end'], run: sessionEnd, lock: bySession }, room);
  });
  return io;
}
