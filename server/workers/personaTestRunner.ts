/**
 * Runs a persona's own tests off the event loop: in one worker thread
 * (personaTestWorker.ts), one run at a time, each run within personas/personaTestLimits.ts. A run of
 * thousands of turns costs seconds of CPU; on the server's own thread it held up every
 * trainee's reply for that long. Here the event loop only passes messages.
 *
 * The worker starts at the first run and is kept for the next ones (loading the rubric takes
 * a second or more); it holds the process open only while a run is going. A run over the
 * time limit is stopped by ending the worker, and the next run starts a new one. A few runs
 * may wait their turn; more are refused as busy.
 */
import { Worker } from 'node:worker_threads';
import type { PersonaTestResult } from '../domain/personaTestResult.ts';
import { overTestLimits, overTimeMessage, PERSONA_TEST_LIMITS, type PersonaTestLimits } from '../personas/personaTestLimits.ts';
import type { PersonaFile } from '../personas/schema.ts';

export type TestRunOutcome =
  | { ok: true; results: PersonaTestResult[] }
  /** over_limit and timeout: the persona's tests are too much; busy: try again; failed: a bug, the message says which. */
  | { ok: false; code: 'over_limit' | 'timeout' | 'busy' | 'failed'; message: string };

/** What the runner sends the worker, and what the worker answers (first `{ ready: true }`). */
export interface WorkerJob {
  id: number;
  persona: PersonaFile;
}
export type WorkerAnswer = { ready: true } | { id: number; ok: true; results: PersonaTestResult[] } | { id: number; ok: false; message: string };

export interface PersonaTestRunner {
  readonly limits: PersonaTestLimits;
  run(persona: PersonaFile): Promise<TestRunOutcome>;
  /** Ends the worker; a run going on is answered `failed`. */
  close(): Promise<void>;
}

export interface PersonaTestRunnerOptions {
  limits?: Partial<PersonaTestLimits>;
  /** Runs that may wait while one goes on (default 4). */
  maxWaiting?: number;
}

interface Job {
  id: number;
  persona: PersonaFile;
  done(outcome: TestRunOutcome): void;
  timer?: NodeJS.Timeout;
}

const WORKER_ENTRY = new URL('./personaTestWorker.mjs', import.meta.url);

export function createPersonaTestRunner(options: PersonaTestRunnerOptions = {}): PersonaTestRunner {
  const limits: PersonaTestLimits = { ...PERSONA_TEST_LIMITS, ...options.limits };
  const maxWaiting = options.maxWaiting ?? 4;
  const waiting: Job[] = [];
  let current: Job | null = null;
  let worker: Worker | null = null;
  let ready = false;
  let nextId = 1;

  function finish(outcome: TestRunOutcome): void {
    const job = current;
    if (!job) return;
    clearTimeout(job.timer);
    current = null;
    worker?.unref();
    job.done(outcome);
    start();
  }

  function stopWorker(): void {
    const stopping = worker;
    worker = null;
    ready = false;
    if (stopping) void stopping.terminate();
  }

  /** The worker died: the run going on fails; if it died loading, so do the runs waiting (a new one would die the same way). */
  function failed(which: Worker, message: string): void {
    if (which !== worker) return;
    const loading = !ready;
    stopWorker();
    if (current) return finish({ ok: false, code: 'failed', message });
    if (loading) for (const job of waiting.splice(0)) job.done({ ok: false, code: 'failed', message });
  }

  function spawn(): Worker {
    const created = new Worker(WORKER_ENTRY);
    created.on('message', (answer: WorkerAnswer) => {
      if (created !== worker) return;
      if ('ready' in answer) {
        ready = true;
        return start();
      }
      if (!current || answer.id !== current.id) return;
      finish(answer.ok ? { ok: true, results: answer.results } : { ok: false, code: 'failed', message: `the tests could not run: ${answer.message}` });
    });
    created.on('error', (err) => failed(created, `the test worker failed: ${err.message}`));
    created.on('exit', () => failed(created, 'the test worker stopped'));
    return created;
  }

  function start(): void {
    if (current || waiting.length === 0) return;
    if (!worker) worker = spawn();
    worker.ref();
    // The clock starts once the worker is loaded: a slow start is not the persona's fault.
    if (!ready) return;
    const job = (current = waiting.shift()!);
    job.timer = setTimeout(() => {
      stopWorker();
      finish({ ok: false, code: 'timeout', message: overTimeMessage(limits) });
    }, limits.maxMs);
    worker.postMessage({ id: job.id, persona: job.persona } satisfies WorkerJob);
  }

  return {
    limits,
    run(persona) {
      const over = overTestLimits(persona, limits);
      if (over) return Promise.resolve({ ok: false, code: 'over_limit', message: over });
      if (waiting.length + (current ? 1 : 0) > maxWaiting) return Promise.resolve({ ok: false, code: 'busy', message: 'other test runs are waiting: try again in a moment' });
      return new Promise((done) => {
        waiting.push({ id: nextId++, persona, done });
        start();
      });
    },
    async close() {
      for (const job of waiting.splice(0)) job.done({ ok: false, code: 'failed', message: 'the server is stopping' });
      const stopping = worker;
      worker = null;
      ready = false;
      finish({ ok: false, code: 'failed', message: 'the server is stopping' });
      await stopping?.terminate();
    },
  };
}
