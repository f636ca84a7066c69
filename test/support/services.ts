/**
 * Tests that need an outside service (Redis, Chromium…) ask here whether to run. On a
 * developer's machine a missing service skips them with one printed line; in CI
 * (SPARRING_REQUIRE_SERVICES=1) it fails them, so a broken service never passes as green.
 */
import pg from 'pg';
import { createClient } from 'redis';

/** True when a Redis answers PING at `url` within a second. */
export async function redisAvailable(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** True when a PostgreSQL answers a query at `url` within a second. */
export async function postgresAvailable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether to run the tests that need `what`: true when it is available; otherwise prints
 * why they are skipped and returns false, or throws when the run requires every service.
 */
export function requireOrSkip(available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env.SPARRING_REQUIRE_SERVICES === '1') {
    throw new Error(`${what} is not reachable, and SPARRING_REQUIRE_SERVICES=1 requires it`);
  }
  console.log(`skipping: ${what} is not reachable (set SPARRING_REQUIRE_SERVICES=1 to fail instead)`);
  return false;
}
