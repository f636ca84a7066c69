// The trainee's web client in Chromium resumes by itself after the server is killed. The real
// server runs as a process (on SQLite in a DATA_DIR, or on a PostgreSQL schema of the test's own); a
// trainee talks to a persona, the server gets SIGKILL, the page says it is offline and keeps
// a reply written meanwhile; the server starts again on the same port and data, and the page,
// with no reload and no click, comes back online, sends the waiting reply and shows its
// answer: every turn acknowledged before the kill and the one sent offline, each once. A
// reload then shows the same conversation, read from the server.
// Screenshots (SQLite): test/e2e/screenshots/resume-offline.png and resume-back.png.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../e2e/buildClient.ts';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../e2e/chromium.ts';
import { connectionState, customerTurn, inPage, openBriefing, say, screenshot, signIn, startConversation, transcriptOnScreen } from '../e2e/traineePage.ts';
import { createTestSchema, POSTGRES_URL } from '../support/postgresSchema.ts';
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts';
import { postgresAvailable, requireOrSkip } from '../support/services.ts';
import { call } from '../support/socketClient.ts';
import { connect, createTrainee } from '../support/trainee.ts';
import { freePort } from '../support/freePort.ts';

const ADMIN_PASSWORD = 'browser-resume-admin';
const LINES = [
  "Mr Chen, I'm so sorry you've been kept waiting this long. So you were approved two weeks ago and the money still hasn't come, is that right?",
  'Let me check your application now. Since the approval, has anyone from our team contacted you, and what did they ask for?',
  "I've found it: your bank statements were never attached to your file, and that's our mistake. I'm attaching them now.",
];

const runs = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);
const postgresRuns = runs && requireOrSkip(await postgresAvailable(POSTGRES_URL), `PostgreSQL at ${POSTGRES_URL}`);

/** Where the server keeps its data: the environment that says so, and how to delete it afterwards. */
interface Storage {
  env: Record<string, string>;
  remove(): Promise<void>;
}

async function sqliteStorage(): Promise<Storage> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sparring-browser-resume-'));
  return { env: { DATA_DIR: dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) };
}

async function postgresStorage(): Promise<Storage> {
  const schema = await createTestSchema('browser_resume');
  return { env: { DATABASE_URL: schema.url }, remove: () => schema.drop() };
}


const CASES = [
  { name: 'SQLite in a DATA_DIR', trainee: 'resume-sqlite', storage: sqliteStorage, runs, screenshots: true },
  { name: 'PostgreSQL', trainee: 'resume-postgres', storage: postgresStorage, runs: postgresRuns, screenshots: false },
];

describe.skipIf(!runs)('the web client after the server is killed', () => {
  let browser: Browser;
  const servers: ServerProcess[] = [];
  const contexts: BrowserContext[] = [];
  const storages: Storage[] = [];

  beforeAll(async () => {
    // The server serves client/dist: build it before the first start.
    [browser] = await Promise.all([launchChromium(), buildClient()]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
    await Promise.all(servers.splice(0).map((s) => s.stop('SIGKILL')));
    await Promise.all(storages.splice(0).map((s) => s.remove()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function start(env: Record<string, string>): Promise<ServerProcess & { url: string }> {
    const server = await spawnServer(env);
    servers.push(server);
    if (!server.url) throw new Error(`the server did not start:\n${server.stderr()}`);
    return server as ServerProcess & { url: string };
  }

  it.each(CASES.filter((c) => c.runs))('on $name: comes back online by itself and shows every turn once', async ({ trainee: username, storage, screenshots }) => {
    const store = await storage();
    storages.push(store);
    const env = { PORT: String(await freePort()), SPARRING_ADMIN_PASSWORD: ADMIN_PASSWORD, ...store.env };
    const first = await start(env);
    const token = await createTrainee(first.url, ADMIN_PASSWORD, username);

    // Tall enough for the whole conversation: the composer sticks to the bottom of the window,
    // and would sit over the messages in a full-page screenshot.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1280 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, first.url, username, `${username}-password`);
    await openBriefing(page, 'late-disbursement', 'en');
    await startConversation(page);
    await say(page, LINES[0]!, 1);
    await say(page, LINES[1]!, 3);
    const acknowledged = await transcriptOnScreen(page);
    expect(acknowledged.map((t) => [t.index, t.role])).toEqual([
      [0, 'customer'],
      [1, 'trainee'],
      [2, 'customer'],
      [3, 'trainee'],
      [4, 'customer'],
    ]);
    // Marks this very page: a reload would lose it.
    await inPage(page, 'window.sparringSamePage = true');

    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await expect.poll(() => connectionState(page)).toBe('offline');
    const composer = page.getByTestId('composer');
    await composer.fill(LINES[2]!);
    await composer.press('Enter');
    await expect.poll(() => page.getByTestId('message-status').textContent()).toContain('waiting for the connection');
    if (screenshots) await screenshot(page, 'resume-offline');

    const second = await start(env);
    expect(second.url).toBe(first.url);
    // socket.io's backoff tops out near six seconds (4 s, randomized): the page calls within that.
    await page.locator(customerTurn(6)).waitFor({ timeout: 15_000 });
    await expect.poll(() => connectionState(page)).toBe('online');
    expect(await inPage(page, 'window.sparringSamePage')).toBe(true);
    expect(await page.getByTestId('message-status').count()).toBe(0);

    const shown = await transcriptOnScreen(page);
    expect(shown.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shown.slice(0, 5)).toEqual(acknowledged);
    expect(shown[5]).toEqual({ index: 5, role: 'trainee', text: LINES[2] });
    expect(shown[6]!.role).toBe('customer');
    expect(shown[6]!.text.length).toBeGreaterThan(0);
    if (screenshots) await screenshot(page, 'resume-back');

    // The server holds exactly what the page shows.
    const sessionId = new URL(page.url()).pathname.split('/')[2]!;
    const socket = await connect(second.url, token);
    try {
      const resumed = await call(socket, 'session:resume', { sessionId });
      if (!resumed.ok) throw new Error(`session:resume refused: ${JSON.stringify(resumed.error)}`);
      expect(resumed.turns.map(({ index, role, text }) => ({ index, role, text }))).toEqual(shown);
    } finally {
      socket.disconnect();
    }

    await page.reload();
    await page.locator(customerTurn(6)).waitFor();
    expect(await transcriptOnScreen(page)).toEqual(shown);
  }, 45_000);
});
