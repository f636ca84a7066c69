/**
 * "Run tests" on a persona file (POST /api/persona-files/:id/:locale/tests) runs in a worker
 * thread within limits (server/workers/personaTestRunner.ts): while a long test runs (300
 * turns, limits raised for it: scoring grows with the conversation, so 300 turns cost
 * seconds), the server's event loop stays free, so /api/health (and every trainee) is
 * answered as usual; a 2,000-turn test is refused at once with the limit named; a run over
 * the time limit is stopped, and the next run works. The server runs in this process, so its event loop is
 * this test's, measured with perf_hooks.monitorEventLoopDelay.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ErrorBody, PersonaTestRun } from '../../server/domain/apiAnswers.ts';
import { createPersonaTestRunner, type PersonaTestRunner } from '../../server/workers/personaTestRunner.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

const SHIPPED = readFileSync(new URL('../../personas/double-charge/en.yaml', import.meta.url), 'utf8');

/** The shipped persona, made endless (it never escalates, resolves or gives up), with one test of `turns` small-talk lines. */
function endlessPersona(turns: number): string {
  const persona = parse(SHIPPED);
  persona.end.escalate.for_turns = 1_000_000;
  persona.end.abandon.after_turns = 1_000_000;
  persona.tests = [{ name: 'small talk', turns: Array.from({ length: turns }, () => ({ say: 'I see. Go on.' })), outcome: 'ongoing' }];
  return stringify(persona);
}

const runTests = (server: TestServer, token: string, text?: string) =>
  call(server.url, 'POST', '/api/persona-files/double-charge/en/tests', { token, body: text === undefined ? {} : { text } });

describe('a long test run, with limits raised to let 300 turns run', () => {
  let server: TestServer;
  let runner: PersonaTestRunner;
  let qa: string;

  beforeAll(async () => {
    runner = createPersonaTestRunner({ limits: { maxTurnsPerTest: 300, maxTurnsPerRun: 300, maxMs: 120_000 } });
    server = await startTestServer({ personaTests: runner });
    await addUser(server.ctx.store, 'quinn', 'qa');
    qa = await tokenFor(server.url, 'quinn');
    // The worker is loaded by a first, short run, so the measured run is the tests alone.
    expect((await runTests(server, qa)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await runner.close();
    await server.close();
  });

  it('leaves the event loop free: /api/health answers all along', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let finished = false;
    const run = runTests(server, qa, endlessPersona(300)).finally(() => (finished = true));
    const healthTimes: number[] = [];
    while (!finished) {
      const asked = performance.now();
      const health = await call(server.url, 'GET', '/api/health');
      expect(health.status).toBe(200);
      if (!finished) healthTimes.push(performance.now() - asked);
    }
    const res = await run;
    const runMs = performance.now() - started;
    delay.disable();

    expect(res.status).toBe(200);
    const answer = expectShape(PersonaTestRun, res.body);
    // The whole test ran: the opening, then 300 lines and 300 answers.
    expect(answer.results[0]!.transcript).toHaveLength(601);
    const maxDelayMs = delay.max / 1e6;
    console.log(`300-turn run: ${Math.round(runMs)} ms; ${healthTimes.length} health answers meanwhile, slowest ${Math.round(Math.max(...healthTimes))} ms; event-loop delay max ${Math.round(maxDelayMs)} ms, p99 ${Math.round(delay.percentile(99) / 1e6)} ms`);
    // On the event loop, the run answered no health check until it was over; now many are
    // answered while it goes on, and the loop never stops for more than a fraction of it.
    expect(healthTimes.length).toBeGreaterThanOrEqual(5);
    expect(maxDelayMs).toBeLessThan(runMs / 2);
  }, 180_000);

  it('stops a run over the time limit with the limit named, and runs the next one', async () => {
    // 1,000 turns take tens of seconds; the shipped tests a fraction of one.
    const quick = createPersonaTestRunner({ limits: { maxTurnsPerTest: 1000, maxTurnsPerRun: 1000, maxMs: 5000 } });
    const other = await startTestServer({ personaTests: quick });
    try {
      await addUser(other.ctx.store, 'quinn', 'qa');
      const token = await tokenFor(other.url, 'quinn');
      const stopped = await runTests(other, token, endlessPersona(1000));
      expect(stopped.status).toBe(400);
      expect(expectShape(ErrorBody, stopped.body).error).toEqual({ code: 'bad_request', message: 'tests: stopped after 5 s, the most one run may take; run fewer or shorter tests' });
      // A new worker takes the next run: the shipped tests pass.
      const next = await runTests(other, token);
      expect(next.status).toBe(200);
      expect(expectShape(PersonaTestRun, next.body).failed).toBe(0);
    } finally {
      await quick.close();
      await other.close();
    }
  }, 120_000);
});

describe('a test run with the default limits', () => {
  let server: TestServer;
  let qa: string;

  beforeAll(async () => {
    server = await startTestServer();
    await addUser(server.ctx.store, 'quinn', 'qa');
    qa = await tokenFor(server.url, 'quinn');
  });
  afterAll(() => server.close());

  it('refuses a 2,000-turn test at once, naming the limit', async () => {
    const res = await runTests(server, qa, endlessPersona(2000));
    expect(res.status).toBe(400);
    expect(expectShape(ErrorBody, res.body).error).toEqual({ code: 'bad_request', message: 'tests: "small talk" has 2000 turns, at most 100 per test' });
  });

  it('runs the shipped tests', async () => {
    const res = await runTests(server, qa);
    expect(res.status).toBe(200);
    const answer = expectShape(PersonaTestRun, res.body);
    expect(answer.passed).toBeGreaterThan(0);
    expect(answer.failed).toBe(0);
  }, 60_000);
});
