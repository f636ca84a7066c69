/**
 * What every browser test file sets up the same way: the built client, a whole test server
 * (test/support/testServer.ts) and Chromium before its tests; and after them every browser
 * profile it opened, Chromium and the server, gone. Call it inside the file's `describe`.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/testServer.ts';
import { buildClient } from './buildClient.ts';
import { launchChromium } from './chromium.ts';

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh browser profile, closed with the suite. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/** `options` may be a function, called when the suite starts: for a server that needs something started first (the OpenAI-compatible test server's URL). */
export function browserSuite(options: TestServerOptions | (() => TestServerOptions) = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([buildClient().then(() => startTestServer(typeof options === 'function' ? options() : options)), launchChromium()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await server?.close();
    await server?.remove();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };
  return {
    get server() {
      return ready(server, 'the test server');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
    async newContext(contextOptions) {
      const context = await ready(browser, 'Chromium').newContext(contextOptions);
      contexts.push(context);
      return context;
    },
  };
}
