/**
 * Measures one configuration of the load benchmark (the echo server, Sparring on one
 * process, Sparring on two): connect the clients, open a session each and read the
 * servers' memory with every session idle, then run the conversations for a warm-up and a
 * timed window and summarise the turns timed in that window.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { percentile } from '../stats.ts';
import type { ChildServer } from './childServer.ts';
import type { ProbeReport } from './memoryProbe.ts';
import { closeClients, connectClients, converse, nowMs, startSession, type LoadClient, type RunRecord } from './loadClients.ts';

export interface MeasureOptions {
  clients: number;
  /** Tokens, one per client; client i connects to servers[i % servers.length]. */
  tokens: readonly string[];
  warmupMs: number;
  measureMs: number;
  thinkMs: number;
  progress: (message: string) => void;
}

export interface IdleMemory {
  sessions: number;
  /** Added by the N idle sessions, per session, over all server processes (after a full GC). */
  rssPerSession: number;
  heapPerSession: number;
  externalPerSession: number;
  /**
   * The figure the target is checked against: the larger of RSS and live memory (heap used
   * plus external) per session. RSS is what the machine pays but moves with the allocator's
   * timing; live memory is exact but leaves out allocator overhead.
   */
  perSession: number;
  /** Every server process together, after the sessions opened. */
  rssTotal: number;
  collected: boolean;
}

export interface ConfigurationResult {
  clients: number;
  /** Turns timed in the window (started after warm-up, before the end). */
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  sessionsStarted: number;
  errors: Record<string, number>;
  /** CPU time over wall time during the timed window, each server process (1 = one core busy). */
  serverCpu: number[];
  /** The same for this process, which runs every client. */
  clientCpu: number;
  /** How late each server's event loop ran during the timed window, ms: a stalled loop is busy computing. */
  serverLoopDelay: { p99Ms: number; maxMs: number }[];
  idle: IdleMemory;
}

const WARM_CLIENTS = 20;
const START_BATCH = 50;

export async function measureConfiguration(servers: readonly ChildServer[], options: MeasureOptions): Promise<ConfigurationResult> {
  const targets = options.tokens.slice(0, options.clients).map((token, i) => ({ url: servers[i % servers.length]!.url, token }));

  // Warm the servers first (code compiled, persona and rubric touched), so the idle memory
  // below is what sessions cost and not what a first session costs.
  const warm = await connectClients(targets.slice(0, Math.min(WARM_CLIENTS, targets.length)));
  await Promise.all(warm.map(warmUpClient));
  closeClients(warm);
  await sleep(500);

  // Twice, a moment apart: memory freed by the first full GC reaches the OS only later, and a
  // baseline taken too soon would make the sessions look cheaper than they are.
  await Promise.all(servers.map((s) => s.probe(true)));
  await sleep(1000);
  const before = await Promise.all(servers.map((s) => s.probe(true)));
  options.progress(`  connecting ${targets.length} clients`);
  const clients = await connectClients(targets);
  for (let i = 0; i < clients.length; i += START_BATCH) await Promise.all(clients.slice(i, i + START_BATCH).map((c) => startSession(c)));
  await sleep(1000);
  const idle = await Promise.all(servers.map((s) => s.probe(true)));

  options.progress(`  ${clients.length} conversations: ${options.warmupMs / 1000} s warm-up, ${options.measureMs / 1000} s timed`);
  const record: RunRecord = { latenciesNs: [], errors: new Map(), sessionsStarted: 0 };
  const recordFrom = nowMs() + options.warmupMs;
  const stopAt = recordFrom + options.measureMs;
  // Seeded: every configuration of every run gets the same think times.
  const rng = xoroshiro128plus(42);
  const random = () => uniformFloat64(rng);
  const running = Promise.all(clients.map((c) => converse(c, { recordFrom, stopAt, thinkMs: options.thinkMs, random }, record)));

  await sleep(recordFrom - nowMs());
  const cpuFrom = await usage(servers);
  await sleep(stopAt - nowMs());
  const cpuTo = await usage(servers);

  await running;
  closeClients(clients);
  await sleep(300);

  return {
    clients: clients.length,
    ...summarise(record.latenciesNs, options.measureMs),
    sessionsStarted: clients.length + record.sessionsStarted,
    errors: Object.fromEntries(record.errors),
    serverCpu: servers.map((_, i) => cpuShare(cpuFrom.servers[i]!, cpuTo.servers[i]!, cpuTo.at - cpuFrom.at)),
    serverLoopDelay: cpuTo.servers.map((r) => ({ p99Ms: r.loopDelayP99Ms, maxMs: r.loopDelayMaxMs })),
    clientCpu: (cpuTo.client.user + cpuTo.client.system - cpuFrom.client.user - cpuFrom.client.system) / 1000 / (cpuTo.at - cpuFrom.at),
    idle: idleMemory(before, idle, clients.length),
  };
}

async function warmUpClient(client: LoadClient): Promise<void> {
  await startSession(client);
  await converse(client, { recordFrom: Infinity, stopAt: nowMs() + 1, thinkMs: 0, random: () => 0 }, { latenciesNs: [], errors: new Map(), sessionsStarted: 0 });
  if (client.sessionId) await client.socket.timeout(10_000).emitWithAck('session:end', { sessionId: client.sessionId });
}

async function usage(servers: readonly ChildServer[]) {
  const [reports, client, at] = await Promise.all([Promise.all(servers.map((s) => s.probe(false))), Promise.resolve(process.cpuUsage()), Promise.resolve(nowMs())]);
  return { servers: reports, client, at };
}

function cpuShare(from: ProbeReport, to: ProbeReport, wallMs: number): number {
  return (to.cpuUserUs + to.cpuSystemUs - from.cpuUserUs - from.cpuSystemUs) / 1000 / wallMs;
}

function idleMemory(before: readonly ProbeReport[], after: readonly ProbeReport[], sessions: number): IdleMemory {
  const added = (pick: (r: ProbeReport) => number) => after.reduce((sum, r, i) => sum + pick(r) - pick(before[i]!), 0) / sessions;
  return {
    sessions,
    rssPerSession: added((r) => r.rss),
    heapPerSession: added((r) => r.heapUsed),
    externalPerSession: added((r) => r.external),
    perSession: Math.max(added((r) => r.rss), added((r) => r.heapUsed + r.external)),
    rssTotal: after.reduce((sum, r) => sum + r.rss, 0),
    collected: after.every((r) => r.collected),
  };
}

function summarise(latenciesNs: readonly number[], windowMs: number) {
  const sorted = Float64Array.from(latenciesNs).sort();
  const ms = (ns: number) => ns / 1e6;
  return {
    turns: sorted.length,
    turnsPerSecond: sorted.length / (windowMs / 1000),
    p50Ms: ms(percentile(sorted, 50)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: ms(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: ms(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
