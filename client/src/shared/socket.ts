/**
 * The socket.io connection of a signed-in user (shared/contracts/realtime.md): typed by the
 * server's own event maps, signed in by the HttpOnly cookie the browser sends with the
 * handshake (no token in the page), and kept up. socket.io reconnects
 * by itself after a network drop; the two cases it leaves alone are handled here: the
 * server closing the connection (a restart, a deploy, a sign-in that ended) and the
 * server's handshake refusing it for a passing reason ("unavailable"). "unauthorized" means
 * the sign-in is no longer good: `onUnauthorized` signs out. A sign-in that ended
 * (`account:signed-out`: logout, a password change, an admin's change, expiry) closes the
 * connection; the retry then either finds a fresh cookie (this browser changed the
 * password) or is refused, and signs out. Sessions resume themselves on every `connect`
 * (trainee/useTrainingSession.ts), so nothing said before a drop is lost.
 */
import { io, type Socket } from 'socket.io-client';
import type { Answer, ClientEvent, ClientToServerEvents, ServerToClientEvents } from './contract.ts';

export type TrainingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long to wait before trying again after the server refused or closed the connection. */
const RETRY_MS = 1500;

export function openTrainingSocket(onUnauthorized: () => void): TrainingSocket {
  const socket: TrainingSocket = io({
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    // Straight to WebSocket: no sticky sessions needed when several server processes share
    // one address (REDIS_URL); long-polling stays the fallback where WebSocket is blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  const retryLater = () => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, RETRY_MS);
  };

  socket.on('connect_error', (err) => {
    // While `active`, socket.io keeps trying on its own; otherwise the server refused us.
    if (socket.active) return;
    if (err.message === 'unauthorized') onUnauthorized();
    else retryLater();
  });
  socket.on('disconnect', (reason) => {
    // A restarting server says goodbye this way; socket.io would then wait for us to call.
    if (reason === 'io server disconnect') retryLater();
  });
  const close = socket.close.bind(socket);
  socket.close = () => {
    clearTimeout(retry);
    return close();
  };
  return socket;
}

/** An acknowledgement that never came: no answer within the time, or the socket was closed. */
export interface NoAnswer {
  ok: false;
  error: { code: 'timeout'; message: string };
}

/**
 * Emits a client event and waits for its acknowledgement, as a value: the server's answer
 * (`ok: true` or its error), or a `timeout` error. Never throws.
 */
export async function request<E extends ClientEvent>(
  socket: TrainingSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 10_000,
): Promise<Answer<E> | NoAnswer> {
  // socket.io's typings do not follow a generic event name through timeout().emitWithAck().
  const untyped = socket as unknown as Socket;
  try {
    return (await untyped.timeout(timeoutMs).emitWithAck(event, payload)) as Answer<E>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: `no answer to ${event} within ${timeoutMs / 1000} s` } };
  }
}
