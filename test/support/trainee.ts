/**
 * A trainee as the integration tests play one against a server running as its own process:
 * an account made through the HTTP API, a socket.io connection of its own with the token,
 * and turns said and answered (the ack of `trainee:say`, then the matching `customer:say`).
 * Acknowledged calls go through socketClient.ts, typed by the server's own event maps.
 */
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { CustomerSay } from '../../server/sessions/serverEvents.ts';
import type { Fetch } from './httpsFetch.ts';
import { call } from './socketClient.ts';
import type { TestClient } from './testServer.ts';

export interface Turn {
  index: number;
  role: 'customer' | 'trainee';
  text: string;
}

async function post(send: Fetch, url: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await send(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Logs in as `admin`, creates a trainee, and returns the trainee's token. `send` is Node's
 * fetch unless the test has its own (HTTPS trusting a test CA: httpsFetch.ts).
 */
export async function createTrainee(url: string, adminPassword: string, username: string, send: Fetch = fetch): Promise<string> {
  const admin = (await post(send, url, '/api/login', { username: 'admin', password: adminPassword })).token as string;
  const password = `${username}-password`;
  await post(send, url, '/api/users', { username, password, role: 'trainee' }, admin);
  return (await post(send, url, '/api/login', { username, password })).token as string;
}

/**
 * A connected socket of its own (forceNew: two tabs are two connections). No automatic
 * reconnection unless asked: each test says where a client goes after a server dies.
 * WebSocket only unless `transports` says otherwise; TLS options (`ca`, `agent`) pass through.
 */
export function connect(url: string, token: string, options: Partial<ManagerOptions & SocketOptions> = {}): Promise<TestClient> {
  const socket: TestClient = io(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    ...options,
    reconnection: options.reconnection ?? false,
  });
  return new Promise((done, fail) => {
    socket.once('connect', () => done(socket));
    socket.once('connect_error', (err) => fail(err));
  });
}

/** The next customer:say for this session on this socket. */
export function nextCustomerSay(socket: TestClient, sessionId: string, timeoutMs = 10_000): Promise<CustomerSay> {
  return new Promise((done, fail) => {
    const onSay = (say: CustomerSay) => {
      if (say.sessionId !== sessionId) return;
      clearTimeout(timer);
      socket.off('customer:say', onSay);
      done(say);
    };
    const timer = setTimeout(() => {
      socket.off('customer:say', onSay);
      fail(new Error(`no customer:say for ${sessionId} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('customer:say', onSay);
  });
}

/** Starts a session; its id and the opening turn. */
export async function startSession(socket: TestClient, personaId: string, locale: 'en' | 'zh-Hans' | 'zh-Hant'): Promise<{ sessionId: string; opening: Turn }> {
  const started = await call(socket, 'session:start', { personaId, locale });
  if (!started.ok) throw new Error(`session:start refused: ${JSON.stringify(started.error)}`);
  return { sessionId: started.sessionId, opening: { index: 0, role: 'customer', text: started.opening.text } };
}

/** Says one line and waits for both the ack and the customer's answer: the two turns it adds. */
export async function say(socket: TestClient, sessionId: string, text: string): Promise<[Turn, Turn]> {
  const reply = nextCustomerSay(socket, sessionId);
  const ack = await call(socket, 'trainee:say', { sessionId, text });
  if (!ack.ok) throw new Error(`trainee:say refused: ${JSON.stringify(ack.error)}`);
  const answer = await reply;
  return [
    { index: ack.index, role: 'trainee', text },
    { index: answer.index, role: 'customer', text: answer.text },
  ];
}

/** Just the parts of a turn a person sees, for comparing transcripts. */
export function plain(turns: readonly Turn[]): Turn[] {
  return turns.map(({ index, role, text }) => ({ index, role, text }));
}
