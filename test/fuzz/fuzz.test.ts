/**
 * The short fuzz run of `npm test` (the long one: `npm run fuzz`, docs/reliability.md): a few
 * hundred hostile socket events and HTTP bodies against a whole server. Every one is refused
 * `bad_request`, none leaves a trace in the store, and the server and the connection go on.
 */
import { expect, it } from 'vitest';
import { runFuzz } from './fuzzRun.ts';

it('refuses every hostile payload with bad_request, stores nothing from them, and stays up', async () => {
  const report = await runFuzz({ count: 600, seconds: 40, seed: 20261123 });
  expect(report.failures).toEqual([]);
  expect(report.storeChanges).toEqual([]);
  expect(report.stillServing).toBe(true);
  // The run reached both edges, not just the first target.
  expect(report.socket).toBeGreaterThan(150);
  expect(report.http).toBeGreaterThan(150);
}, 90_000);
