/**
 * The browser layer's global setup (vitest.config.ts): builds the web client once, before any
 * browser test file starts, so the files never build it at the same time.
 */
import { buildClient } from './buildClient.ts';

export default async function setup(): Promise<void> {
  await buildClient();
}
