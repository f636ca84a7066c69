/**
 * Client-side helpers for the socket tests: an acknowledged call with a deadline, and a
 * recorder of everything the server sends to one client, in arrival order, to wait on and
 * to assert the order of events.
 */
import type { Socket } from 'socket.io-client';
import type { Answer, ClientEvent, ClientToServerEvents, ServerToClientEvents } from '../../server/sessions/payloads.ts';
import type { TestClient } from './testServer.ts';

export type Received = { [E in keyof ServerToClientEvents]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[keyof ServerToClientEvents];

/** Emits a client event and waits for its acknowledgement (or fails after `timeoutMs`). */
export function call<E extends ClientEvent>(socket: TestClient, event: E, payload: Parameters<ClientToServerEvents[E]>[0], timeoutMs = 5000): Promise<Answer<E>> {
  const untyped = socket as unknown as Socket;
  return untyped.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Answer<E>>;
}

/** Sends anything at all, the way a broken or hostile client could, and waits for an ack. */
export function callRaw(socket: TestClient, event: string, ...args: unknown[]): Promise<any> {
  const untyped = socket as unknown as Socket;
  return untyped.timeout(3000).emitWithAck(event, ...args);
}

export interface Recorder {
  all: Received[];
  of<E extends keyof ServerToClientEvents>(event: E): Array<Parameters<ServerToClientEvents[E]>[0]>;
  /** Resolves with the first matching event received (already or later). */
  next<E extends keyof ServerToClientEvents>(event: E, match?: (p: Parameters<ServerToClientEvents[E]>[0]) => boolean, timeoutMs?: number): Promise<Parameters<ServerToClientEvents[E]>[0]>;
  clear(): void;
}

export function record(socket: TestClient): Recorder {
  const all: Received[] = [];
  const waiters: Array<() => void> = [];
  (socket as unknown as Socket).onAny((event: string, payload: unknown) => {
    all.push({ event, payload } as Received);
    for (const w of waiters.splice(0)) w();
  });
  const of = <E extends keyof ServerToClientEvents>(event: E) =>
    all.filter((r) => r.event === event).map((r) => r.payload as Parameters<ServerToClientEvents[E]>[0]);
  return {
    all,
    of,
    next(event, match = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const found = of(event).find(match);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
    clear: () => void all.splice(0),
  };
}

/**
 * Resolves once every event the server sent this connection for work already under way on
 * the session has arrived, so a test can then assert that nothing more came. A
 * `session:resume` waits its turn behind that work (server/sessions/sessionLocks.ts), and
 * socket.io delivers what one connection was sent in order: its answer comes after them.
 * Answered whether or not the session is this caller's.
 */
export async function settled(socket: TestClient, sessionId: string): Promise<void> {
  await call(socket, 'session:resume', { sessionId });
}
