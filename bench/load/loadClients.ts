/**
 * The simulated trainees of the load benchmark: one socket.io client each (its own
 * connection, WebSocket only, as a browser ends up), holding the scripted conversation of
 * script.ts with a think time between turns, and timing every turn from the `trainee:say`
 * emit to the matching `customer:say`. The same code drives Sparring and the echo server,
 * so both are measured the same way.
 */
import { io, type Socket } from 'socket.io-client';
import { LOCALE, PERSONA_ID, TRAINEE_LINES } from './script.ts';

export interface Target {
  url: string;
  token: string;
}

interface CustomerSay {
  sessionId: string;
  ended?: boolean;
}

interface Answer {
  ok: boolean;
  sessionId?: string;
  error?: { code: string; message: string };
}

export interface LoadClient {
  socket: Socket;
  sessionId: string | null;
  /** The next line of the script to say. */
  line: number;
  /** Resolves the turn waiting for its customer:say. */
  onReply: ((reply: CustomerSay) => void) | null;
}

export interface Pacing {
  /** Turns started before this (hrtime ms) are warm-up and not recorded. */
  recordFrom: number;
  /** No turn starts after this. */
  stopAt: number;
  /** Mean think time between a reply and the next line; each wait is uniform in [0.5, 1.5] × this. */
  thinkMs: number;
  random: () => number;
}

export interface RunRecord {
  latenciesNs: number[];
  /** Failures by kind (`ack:rate_limited`, `timeout`…): a run with any is reported as such. */
  errors: Map<string, number>;
  sessionsStarted: number;
  /**
   * When kept (the soak does): per session, how many turns the server has acknowledged or
   * answered, the opening included, so the transcripts can be checked for lost turns after.
   */
  acknowledged?: Map<string, number>;
  /** When kept: the start (hrtime ms) of each turn in `latenciesNs`, same order. */
  turnStarts?: number[];
}

const TURN_TIMEOUT_MS = 10_000;
const CONNECT_BATCH = 50;

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Connects every client, a batch at a time so the listen backlog is never flooded. */
export async function connectClients(targets: readonly Target[]): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < targets.length; i += CONNECT_BATCH) {
    clients.push(...(await Promise.all(targets.slice(i, i + CONNECT_BATCH).map(connectOne))));
  }
  return clients;
}

function connectOne({ url, token }: Target): Promise<LoadClient> {
  // forceNew: otherwise every client to one URL would share a single connection.
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
  const client: LoadClient = { socket, sessionId: null, line: 0, onReply: null };
  socket.on('customer:say', (reply: CustomerSay) => {
    if (reply.sessionId === client.sessionId) client.onReply?.(reply);
  });
  return new Promise((done, fail) => {
    socket.once('connect', () => done(client));
    socket.once('connect_error', (err) => fail(new Error(`cannot connect to ${url}: ${err.message}`)));
  });
}

export async function startSession(client: LoadClient, record?: RunRecord): Promise<void> {
  const answer = (await client.socket.timeout(TURN_TIMEOUT_MS).emitWithAck('session:start', { personaId: PERSONA_ID, locale: LOCALE })) as Answer;
  if (!answer.ok || !answer.sessionId) throw new Error(`session:start refused: ${answer.error?.code ?? 'no sessionId'} ${answer.error?.message ?? ''}`);
  client.sessionId = answer.sessionId;
  client.line = 0;
  if (record) record.sessionsStarted++;
  record?.acknowledged?.set(answer.sessionId, 1);
}

export function closeClients(clients: readonly LoadClient[]): void {
  for (const c of clients) c.socket.disconnect();
}

function count(record: RunRecord, kind: string): void {
  record.errors.set(kind, (record.errors.get(kind) ?? 0) + 1);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

/** One turn: say the next line, wait for the customer's answer; the latency in ns, or null on failure. */
async function turn(client: LoadClient, record: RunRecord): Promise<{ latencyNs: number; ended: boolean } | null> {
  const sessionId = client.sessionId!;
  let settle: (reply: CustomerSay | null) => void = () => {};
  // The clock stops when customer:say arrives, whether the ack came before it or not.
  let end = 0n;
  const reply = new Promise<CustomerSay | null>((done) => {
    const timer = setTimeout(() => done(null), TURN_TIMEOUT_MS);
    settle = (r) => {
      end = process.hrtime.bigint();
      clearTimeout(timer);
      done(r);
    };
  });
  client.onReply = settle;
  const start = process.hrtime.bigint();
  const ack = (client.socket
    .timeout(TURN_TIMEOUT_MS)
    .emitWithAck('trainee:say', { sessionId, text: TRAINEE_LINES[client.line]! })
    .catch(() => ({ ok: false, error: { code: 'ack timeout', message: '' } })) as Promise<Answer>)
    // A refused turn gets no customer:say: stop waiting for one.
    .then((a) => (a.ok ? a : (settle(null), a)));
  const [answer, said] = await Promise.all([ack, reply]);
  client.onReply = null;
  if (!answer.ok) {
    count(record, `ack:${answer.error?.code ?? 'unknown'}`);
    return null;
  }
  // The trainee's turn is stored once acknowledged, whatever happens to the reply.
  const acknowledged = record.acknowledged;
  acknowledged?.set(sessionId, (acknowledged.get(sessionId) ?? 1) + 1);
  if (!said) {
    count(record, 'no customer:say within 10 s');
    return null;
  }
  acknowledged?.set(sessionId, acknowledged.get(sessionId)! + 1);
  return { latencyNs: Number(end - start), ended: said.ended === true };
}

/** One client's conversations until `stopAt`: think, say, wait for the reply; a new session when one ends. */
export async function converse(client: LoadClient, pacing: Pacing, record: RunRecord): Promise<void> {
  // A random first wait spreads the clients' turns evenly instead of all at once.
  await sleep(pacing.random() * pacing.thinkMs * 1.5);
  while (nowMs() < pacing.stopAt) {
    if (!client.sessionId) {
      try {
        await startSession(client, record);
      } catch (err) {
        count(record, (err as Error).message);
        return; // this client is out of the run; the report shows why
      }
    }
    const startedAt = nowMs();
    const result = await turn(client, record);
    if (!result) {
      // The session's state is unknown after a failure: carry on in a fresh one.
      client.sessionId = null;
    } else {
      if (startedAt >= pacing.recordFrom && startedAt < pacing.stopAt) {
        record.latenciesNs.push(result.latencyNs);
        record.turnStarts?.push(startedAt);
      }
      client.line++;
      if (result.ended || client.line === TRAINEE_LINES.length) {
        if (!result.ended) await client.socket.timeout(TURN_TIMEOUT_MS).emitWithAck('session:end', { sessionId: client.sessionId });
        client.sessionId = null;
      }
    }
    // Never past the end: the run is over then, and a client asleep would only hold it up.
    await sleep(Math.min((0.5 + pacing.random()) * pacing.thinkMs, pacing.stopAt - nowMs()));
  }
}
