/**
 * One fuzz run against a whole server (test/support/testServer.ts: real file store, personas,
 * rubric, HTTP and socket.io): hostile payloads (hostilePayloads.ts) for every target
 * (targets.ts), unknown events, malformed JSON, for a bounded count and time. It checks what
 * a training centre needs from hostile input:
 *
 *   - every bad socket event is acknowledged `bad_request`, every bad body is a 400
 *     `bad_request`, in bounded time;
 *   - nothing from them is stored: users, sessions, turns, reviews, assignments and persona
 *     versions are as they were;
 *   - the server stays up and the same connection still works for a good request.
 *
 * `npm test` runs a short one (fuzz.test.ts); `npm run fuzz` a long one (main.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { call, record } from '../support/socketClient.ts';
import { startTestServer, type TestClient, type TestServer } from '../support/testServer.ts';
import { sampleHostile, type Hostile } from './hostilePayloads.ts';
import { httpTargets, socketTargets, type FuzzIds, type HttpTarget } from './targets.ts';

export interface FuzzOptions {
  /** How many hostile requests in all (socket and HTTP about half each). */
  count: number;
  /** Stop early after this long, whatever the count. */
  seconds: number;
  seed: number;
  progress?: (line: string) => void;
}

export interface FuzzFailure {
  target: string;
  mutation: string;
  payload: string;
  got: string;
}

export interface FuzzReport {
  sent: number;
  socket: number;
  http: number;
  failures: FuzzFailure[];
  /** What changed in the store that should not have (empty when nothing did). */
  storeChanges: string[];
  stillServing: boolean;
  seconds: number;
}

const PERSONA_ID = 'late-disbursement';
const ANSWER_MS = 5000;
const MAX_FAILURES_KEPT = 20;

/** A short, readable form of a payload for a failure line. */
function show(payload: unknown): string {
  const text = JSON.stringify(payload) ?? String(payload);
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

async function storeSnapshot(server: TestServer, sessionId: string): Promise<Record<string, unknown>> {
  const store = server.ctx.store;
  const found = await store.getSession(sessionId);
  return {
    users: (await store.listUsers()).map((u) => u.username),
    sessions: (await store.listSessions()).map((s) => `${s.id}:${s.endedAt ?? 'open'}`),
    turns: found?.turns.map((t) => `${t.index}:${t.role}:${t.text}`),
    reviews: (await store.listReviews(sessionId)).length,
    assignments: (await store.listAssignments()).length,
    personaVersions: (await store.listPersonaVersions()).length,
  };
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`);
}

async function emitHostile(socket: TestClient, event: string, payload: unknown): Promise<string | null> {
  try {
    const answer = (await (socket as unknown as Socket).timeout(ANSWER_MS).emitWithAck(event, payload)) as { ok?: boolean; error?: { code?: string } };
    return answer?.ok === false && answer.error?.code === 'bad_request' ? null : `ack ${show(answer)}`;
  } catch (err) {
    return `no ack within ${ANSWER_MS} ms (${err instanceof Error ? err.message : String(err)})`;
  }
}

async function sendHostile(server: TestServer, target: HttpTarget, token: string | undefined, body: string): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    const res = await fetch(`${server.url}${target.path}`, { method: target.method, headers, body, signal: AbortSignal.timeout(ANSWER_MS) });
    const json = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    return res.status === 400 && json?.error?.code === 'bad_request' ? null : `HTTP ${res.status} ${show(json)}`;
  } catch (err) {
    return `no answer within ${ANSWER_MS} ms (${err instanceof Error ? err.message : String(err)})`;
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const progress = options.progress ?? (() => {});
  // The per-user rate limits would answer most of a fuzz run `rate_limited`: they have their own tests.
  const server = await startTestServer({ limits: { eventsPer10s: 1_000_000, maxOpenSessions: 1_000, sessionStartsPerMinute: 1_000_000 } });
  try {
    const trainee = await server.user('trainee');
    const tokens: Record<HttpTarget['role'], string | undefined> = {
      trainee: trainee.token,
      coach: (await server.user('coach')).token,
      qa: (await server.user('qa')).token,
      admin: (await server.user('admin')).token,
      anyone: undefined,
    };
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const opened = await call(socket, 'session:start', { personaId: PERSONA_ID, locale: 'en' });
    if (!opened.ok) throw new Error(`session:start: ${opened.error.message}`);
    const said = await call(socket, 'trainee:say', { sessionId: opened.sessionId, text: "I'm sorry about the wait. What happened?" });
    if (!said.ok) throw new Error(`trainee:say: ${said.error.message}`);

    const ids: FuzzIds = {
      sessionId: opened.sessionId,
      traineeId: trainee.id,
      personaId: PERSONA_ID,
      personaText: readFileSync(join(PERSONAS_DIR, PERSONA_ID, 'en.yaml'), 'utf8'),
    };
    // The customer's reply lands after the ack: wait for it before taking the snapshot.
    await events.next('customer:say', (p) => p.index === said.index + 1);
    const before = await storeSnapshot(server, ids.sessionId);

    const sockets = socketTargets(ids, server.ctx.config.limits.maxText);
    const routes = httpTargets(ids);
    const targets = sockets.length + routes.length + 2;
    const perTarget = Math.max(1, Math.ceil(options.count / targets));
    const report: FuzzReport = { sent: 0, socket: 0, http: 0, failures: [], storeChanges: [], stillServing: false, seconds: 0 };
    const fail = (target: string, hostile: Hostile, got: string) => {
      if (report.failures.length < MAX_FAILURES_KEPT) report.failures.push({ target, mutation: hostile.mutation, payload: show(hostile.payload), got });
    };
    const outOfTime = () => Date.now() - started > options.seconds * 1000 || report.sent >= options.count;

    let seed = options.seed;
    for (const target of sockets) {
      for (const hostile of sampleHostile(target.shape, target.valid, perTarget, seed++)) {
        if (outOfTime()) break;
        const got = await emitHostile(socket, target.event, hostile.payload);
        if (got) fail(target.event, hostile, got);
        report.sent++;
        report.socket++;
      }
      progress(`  ${target.event}: ${report.socket} socket events so far`);
    }
    // Events nobody defined, with an ack: answered bad_request and ignored.
    const unknownEvents = fc.sample(fc.string({ minLength: 1, maxLength: 30 }).filter((e) => !sockets.some((s) => s.event === e) && !/^(connect|disconnect|error)/.test(e)), { numRuns: perTarget, seed: seed++ });
    for (const event of unknownEvents) {
      if (outOfTime()) break;
      const got = await emitHostile(socket, event, { sessionId: ids.sessionId });
      if (got) fail(`unknown event ${JSON.stringify(event)}`, { mutation: 'unknown event', payload: event }, got);
      report.sent++;
      report.socket++;
    }
    for (const target of routes) {
      for (const hostile of sampleHostile(target.shape, target.valid, perTarget, seed++)) {
        if (outOfTime()) break;
        const got = await sendHostile(server, target, tokens[target.role], JSON.stringify(hostile.payload));
        if (got) fail(`${target.method} ${target.path}`, hostile, got);
        report.sent++;
        report.http++;
      }
      progress(`  ${target.method} ${target.path}: ${report.http} HTTP bodies so far`);
    }
    // Bodies that are not JSON at all, on every route ("{" and "}" alone would be JSON: left out).
    const notJson = (text: string) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    };
    const garbage = fc.sample(fc.string({ maxLength: 60 }).map((s) => `{${s}`).filter(notJson), { numRuns: perTarget, seed: seed++ });
    for (const [i, body] of garbage.entries()) {
      if (outOfTime()) break;
      const target = routes[i % routes.length]!;
      const got = await sendHostile(server, target, tokens[target.role], body);
      if (got) fail(`${target.method} ${target.path}`, { mutation: 'malformed JSON', payload: body }, got);
      report.sent++;
      report.http++;
    }

    // Its answer comes after the session's work in flight: anything a hostile event set off has landed.
    const good = await call(socket, 'session:resume', { sessionId: ids.sessionId });
    report.storeChanges = diff(before, await storeSnapshot(server, ids.sessionId));
    const health = await fetch(`${server.url}/api/health`);
    report.stillServing = good.ok && health.status === 200 && socket.connected;
    report.seconds = (Date.now() - started) / 1000;
    return report;
  } finally {
    await server.close();
    await server.remove();
  }
}
