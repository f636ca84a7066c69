/**
 * How much a persona's own tests may ask of the server in one run. A QA person's "Run tests"
 * (and `sparring personas test`) replays every test conversation through the scorer: the
 * starter personas need at most 5 tests of 8 turns, while a file may carry any number, and
 * one run of 2,000 turns took 3 to 7 s of CPU. The run goes to a worker thread
 * (server/workers/personaTestRunner.ts) so no trainee waits for it, and these bounds keep that thread's
 * time and memory small: a run over a count is refused before it starts, with the limit
 * named; a run over the time is stopped.
 */
import type { PersonaFile } from './schema.ts';

export interface PersonaTestLimits {
  /** Tests in one persona file. */
  maxTests: number;
  /** Trainee lines in one test: a longer test is longer than any session (SPARRING_MAX_TURNS' ceiling is 1000 turns, its default 60). */
  maxTurnsPerTest: number;
  /** Trainee lines in all of one file's tests. */
  maxTurnsPerRun: number;
  /** Time one run may take in the worker, in milliseconds. */
  maxMs: number;
}

export const PERSONA_TEST_LIMITS: PersonaTestLimits = { maxTests: 50, maxTurnsPerTest: 100, maxTurnsPerRun: 1000, maxMs: 30_000 };

/** Why the persona's tests may not run, naming the limit; null when they may. */
export function overTestLimits(persona: PersonaFile, limits: PersonaTestLimits): string | null {
  const { tests } = persona;
  if (tests.length > limits.maxTests) return `tests: ${tests.length} tests, at most ${limits.maxTests} may run at once`;
  const long = tests.find((t) => t.turns.length > limits.maxTurnsPerTest);
  if (long) return `tests: "${long.name.slice(0, 60)}" has ${long.turns.length} turns, at most ${limits.maxTurnsPerTest} per test`;
  const turns = tests.reduce((sum, t) => sum + t.turns.length, 0);
  if (turns > limits.maxTurnsPerRun) return `tests: ${turns} turns in all, at most ${limits.maxTurnsPerRun} may run at once`;
  return null;
}

/** What a stopped run is told. */
export function overTimeMessage(limits: PersonaTestLimits): string {
  return `tests: stopped after ${limits.maxMs / 1000} s, the most one run may take; run fewer or shorter tests`;
}
