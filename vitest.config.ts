/**
 * The tests in four layers, one vitest project each (which file is in which: test/layers.ts).
 * `npm test` runs them all; `npm run test:unit` (and `test:integration`, `test:browser`,
 * `test:long`) one of them.
 */
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { layerGlobs, type Layer } from './test/layers.ts';

function project(layer: Layer, test: NonNullable<TestProjectInlineConfiguration['test']> = {}): TestProjectInlineConfiguration {
  const { include, exclude } = layerGlobs(layer);
  return { extends: true, test: { name: layer, include, exclude: [...configDefaults.exclude, ...exclude], ...test } };
}

export const projects: TestProjectInlineConfiguration[] = [
  // Pure code only (test/support/unitLayer.ts refuses I/O), so its files share workers
  // and loaded modules instead of each loading the server anew: about seven times faster.
  project('unit', { pool: 'threads', isolate: false, setupFiles: ['test/support/unitLayer.ts'] }),
  // Their hooks start servers and processes, which takes a while on a busy machine.
  project('integration', { hookTimeout: 30_000 }),
  project('browser', { globalSetup: ['test/e2e/buildClientOnce.ts'] }),
  project('long'),
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects,
  },
});
