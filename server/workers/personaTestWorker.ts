/**
 * The worker thread side of personaTestRunner.ts: loads the rubric once, says it is ready,
 * then runs each persona's tests it is sent, one at a time, and answers with the results.
 * It scores with the default rubric, the one the server and the CLI load. It lives here, not
 * in server/personas/, because it builds a scorer: the persona runtime takes turns already scored.
 */
import { parentPort } from 'node:worker_threads';
import { loadDefaultRubric } from '../dataFiles/loadRubric.ts';
import { createScorer } from '../scoring/scorer.ts';
import { runPersonaTests } from '../personas/personaTests.ts';
import type { WorkerAnswer, WorkerJob } from './personaTestRunner.ts';

const port = parentPort;
if (!port) throw new Error('personaTestWorker runs in a worker thread (personaTestRunner.ts)');

const { scoreTurn } = createScorer(loadDefaultRubric());

port.on('message', async (job: WorkerJob) => {
  let answer: WorkerAnswer;
  try {
    answer = { id: job.id, ok: true, results: await runPersonaTests(job.persona, scoreTurn) };
  } catch (err) {
    answer = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});

port.postMessage({ ready: true } satisfies WorkerAnswer);
