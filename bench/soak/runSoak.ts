/**
 * One soak of one deployment (load/deployments.ts): N scripted trainees hold conversations
 * for a long stretch, as in the load suite (load/loadClients.ts), while the servers' live
 * memory is read after a full GC at a fixed interval. At the end every session any client
 * started is read back with `session:resume` and checked against what the server had
 * acknowledged: a lost turn is a transcript shorter than its acknowledgements.
 *
 * Verdicts: no error, no lost turn, and memory flat: the live memory at the end (median of
 * the last three readings) within `maxGrowth` of the live memory just after warm-up.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { percentile } from '../stats.ts';
import type { ChildServer } from '../load/childServer.ts';
import { withDeployment, type DeploymentName } from '../load/deployments.ts';
import { closeClients, connectClients, converse, nowMs, type LoadClient, type RunRecord } from '../load/loadClients.ts';

export interface SoakOptions {
  clients: number;
  seconds: number;
  /** Mean pause between a reply and the next line. */
  thinkMs: number;
  /** The share of the run before memory is taken as the baseline. */
  warmupShare: number;
  /** How often the servers' memory is read. */
  sampleEveryMs: number;
  maxGrowth: number;
  progress: (line: string) => void;
}

export interface MemorySample {
  atSeconds: number;
  /** Heap used plus external, after a full GC, summed over the servers. */
  liveBytes: number;
  rssBytes: number;
}

export interface SoakResult {
  deployment: DeploymentName;
  clients: number;
  seconds: number;
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 of each tenth of the run: a latency that creeps up shows here. */
  p99ByTenth: number[];
  sessions: number;
  errors: Record<string, number>;
  /** Sessions whose stored transcript is shorter than what was acknowledged. */
  lostTurns: number;
  lostExamples: string[];
  memory: { samples: MemorySample[]; baselineBytes: number; finalBytes: number; growth: number };
  ok: { errors: boolean; lostTurns: boolean; memoryFlat: boolean };
}

const RESUME_TIMEOUT_MS = 10_000;
/** The event limit's window is 10 s: this many waits of a second always see it clear. */
const RATE_LIMIT_RETRIES = 15;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

async function sampleMemory(servers: readonly ChildServer[], startedAt: number): Promise<MemorySample> {
  const reports = await Promise.all(servers.map((s) => s.probe(true)));
  return {
    atSeconds: (nowMs() - startedAt) / 1000,
    liveBytes: reports.reduce((sum, r) => sum + r.heapUsed + r.external, 0),
    rssBytes: reports.reduce((sum, r) => sum + r.rss, 0),
  };
}

interface ResumeAnswer {
  ok: boolean;
  turns?: { index: number }[];
  error?: { code?: string; message: string };
}

/**
 * `session:resume` on the client's own connection. The check reads many sessions on one
 * connection, straight after the conversations: the server's per-user event limit
 * answers `rate_limited` then, and the read waits and asks again, as a client would.
 */
async function resume(client: LoadClient, sessionId: string): Promise<ResumeAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer = (await client.socket
      .timeout(RESUME_TIMEOUT_MS)
      .emitWithAck('session:resume', { sessionId })
      .catch((err: Error) => ({ ok: false, error: { message: err.message } }))) as ResumeAnswer;
    if (answer.ok || answer.error?.code !== 'rate_limited' || attempt >= RATE_LIMIT_RETRIES) return answer;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Reads back every session a client started and compares it with what was acknowledged. */
async function findLostTurns(clients: readonly LoadClient[], acknowledged: Map<string, number>, owners: Map<string, LoadClient>): Promise<{ lost: number; examples: string[] }> {
  let lost = 0;
  const examples: string[] = [];
  const byClient = new Map<LoadClient, string[]>();
  for (const [sessionId, client] of owners) byClient.set(client, [...(byClient.get(client) ?? []), sessionId]);
  await Promise.all(
    clients.map(async (client) => {
      for (const sessionId of byClient.get(client) ?? []) {
        const expected = acknowledged.get(sessionId) ?? 0;
        const answer = await resume(client, sessionId);
        const turns = answer.turns ?? [];
        const contiguous = turns.every((t, i) => t.index === i);
        if (!answer.ok || turns.length < expected || !contiguous) {
          lost++;
          if (examples.length < 5) examples.push(`${sessionId}: acknowledged ${expected}, stored ${answer.ok ? turns.length : `? (${answer.error?.message})`}${contiguous ? '' : ', indices not contiguous'}`);
        }
      }
    }),
  );
  return { lost, examples };
}

export function runSoak(deployment: Exclude<DeploymentName, 'echo'>, options: SoakOptions): Promise<SoakResult> {
  return withDeployment(deployment, options.clients, options.progress, async (servers, tokens) => {
    const clients = await connectClients(tokens.map((token, i) => ({ url: servers[i % servers.length]!.url, token })));
    const acknowledged = new Map<string, number>();
    const record: RunRecord = { latenciesNs: [], errors: new Map(), sessionsStarted: 0, acknowledged, turnStarts: [] };
    // Who started which session, so the check reads each back on its owner's connection.
    const owners = new Map<string, LoadClient>();
    const track = () => {
      for (const c of clients) if (c.sessionId && !owners.has(c.sessionId)) owners.set(c.sessionId, c);
    };
    const startedAt = nowMs();
    const stopAt = startedAt + options.seconds * 1000;
    const rng = xoroshiro128plus(7);
    const random = () => uniformFloat64(rng);
    const pacing = { recordFrom: startedAt, stopAt, thinkMs: options.thinkMs, random };
    options.progress(`  ${clients.length} conversations for ${options.seconds} s`);
    const running = Promise.all(clients.map((c) => converse(c, pacing, record)));

    const samples: MemorySample[] = [];
    while (nowMs() < stopAt) {
      await new Promise((r) => setTimeout(r, Math.min(options.sampleEveryMs, Math.max(0, stopAt - nowMs()))));
      track();
      if (nowMs() >= stopAt) break;
      samples.push(await sampleMemory(servers, startedAt));
      const last = samples[samples.length - 1]!;
      options.progress(`  ${last.atSeconds.toFixed(0)} s: ${record.latenciesNs.length} turns, live memory ${(last.liveBytes / 2 ** 20).toFixed(1)} MiB`);
    }
    const trackTimer = setInterval(track, 50);
    await running;
    clearInterval(trackTimer);
    track();

    options.progress(`  checking ${owners.size} sessions for lost turns`);
    const { lost, examples } = await findLostTurns(clients, acknowledged, owners);
    closeClients(clients);

    const sorted = Float64Array.from(record.latenciesNs).sort();
    const ms = (ns: number) => ns / 1e6;
    const tenth = (options.seconds * 1000) / 10;
    const starts = record.turnStarts!;
    const p99ByTenth = Array.from({ length: 10 }, (_, i) => {
      const from = startedAt + i * tenth;
      const inTenth = Float64Array.from(record.latenciesNs.filter((_, j) => starts[j]! >= from && starts[j]! < from + tenth)).sort();
      return inTenth.length > 0 ? ms(percentile(inTenth, 99)) : Number.NaN;
    });
    const afterWarmup = samples.filter((s) => s.atSeconds >= options.seconds * options.warmupShare);
    const baselineBytes = median(afterWarmup.slice(0, 2).map((s) => s.liveBytes));
    const finalBytes = median(samples.slice(-3).map((s) => s.liveBytes));
    const growth = finalBytes / baselineBytes - 1;
    const errors = Object.fromEntries(record.errors);
    return {
      deployment,
      clients: clients.length,
      seconds: options.seconds,
      turns: sorted.length,
      turnsPerSecond: sorted.length / options.seconds,
      p50Ms: ms(percentile(sorted, 50)),
      p99Ms: ms(percentile(sorted, 99)),
      maxMs: ms(sorted[sorted.length - 1] ?? Number.NaN),
      p99ByTenth,
      sessions: owners.size,
      errors,
      lostTurns: lost,
      lostExamples: examples,
      memory: { samples, baselineBytes, finalBytes, growth },
      ok: { errors: Object.keys(errors).length === 0, lostTurns: lost === 0, memoryFlat: Number.isFinite(growth) && growth <= options.maxGrowth },
    };
  });
}
