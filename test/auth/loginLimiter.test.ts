/**
 * The login limiter on its own, in memory, with vitest's fake clock: free failures, then
 * growing waits for one username from one address; other addresses unaffected (a stranger
 * cannot lock a user out); the wider net per address; a success clearing the pair; attempts
 * still being checked counted; what is logged.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoginLimiter, loginDelaySeconds, type LoginAttempt, type LoginLimiter } from '../../server/auth/loginLimiter.ts';
import { MEMORY } from '../../server/limits/limitStore.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-08T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function limiter(freeFailures = 3, addressFailuresPerHour = 100): { l: LoginLimiter; logs: string[] } {
  const logs: string[] = [];
  return { l: createLoginLimiter(MEMORY, { freeFailures, addressFailuresPerHour, log: (line) => logs.push(line) }), logs };
}

async function fail(l: LoginLimiter, username: string, address: string): Promise<void> {
  const attempt = await l.begin(username, address);
  if (!attempt.ok) throw new Error(`refused: retry in ${attempt.retryAfterSeconds} s`);
  await attempt.failed('wrong password');
}

const refusal = (a: LoginAttempt) => (a.ok ? 'allowed' : a.retryAfterSeconds);

describe('loginDelaySeconds', () => {
  it('doubles from one second and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((k) => loginDelaySeconds(k))).toEqual([1, 2, 4, 8, 16]);
    expect(loginDelaySeconds(11)).toBe(900);
    expect(loginDelaySeconds(1000)).toBe(900);
    expect(loginDelaySeconds(3, 5, 60)).toBe(20);
  });
});

describe('createLoginLimiter', () => {
  it('lets the free failures through, then makes each further attempt wait 1 s, 2 s, 4 s…', async () => {
    const { l } = limiter(3);
    for (let i = 0; i < 3; i++) await fail(l, 'bob', '10.0.0.1');
    // The fourth comes at once, and opens a one-second wait.
    await fail(l, 'bob', '10.0.0.1');
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    await fail(l, 'bob', '10.0.0.1');
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    await fail(l, 'bob', '10.0.0.1');
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(4);
  });

  it('does not hold a stranger’s failures against the user at their own address', async () => {
    const { l } = limiter(5);
    for (let i = 0; i < 20; i++) {
      const attempt = await l.begin('admin', '203.0.113.66');
      if (attempt.ok) await attempt.failed('wrong password');
    }
    expect((await l.begin('admin', '203.0.113.66')).ok).toBe(false);
    const own = await l.begin('admin', '198.51.100.7');
    expect(own.ok).toBe(true);
  });

  it('refuses an address that tries many usernames, for the rest of the hour', async () => {
    const { l } = limiter(3, 5);
    for (const name of ['a', 'b', 'c', 'd', 'e']) await fail(l, name, '10.0.0.9');
    expect(refusal(await l.begin('f', '10.0.0.9'))).toBe(3600);
    expect((await l.begin('f', '10.0.0.8')).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(3600_000);
    expect((await l.begin('f', '10.0.0.9')).ok).toBe(true);
  });

  it('clears the pair on success and gives the address its attempt back', async () => {
    const { l } = limiter(2, 3);
    await fail(l, 'bob', '10.0.0.1');
    await fail(l, 'bob', '10.0.0.1');
    const ok = await l.begin('bob', '10.0.0.1');
    if (ok.ok) await ok.succeeded();
    // The pair starts again with no wait; the address counts its three failures, not the success.
    await fail(l, 'bob', '10.0.0.1');
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(3600);
  });

  it('lets one of many parallel attempts past the free failures through, and counts none of the refused', async () => {
    const { l } = limiter(3);
    const pending = await Promise.all(Array.from({ length: 10 }, () => l.begin('bob', '10.0.0.1')));
    expect(pending.filter((a) => a.ok)).toHaveLength(4);
    for (const a of pending) if (a.ok) await a.failed('wrong password');
    // Four failures in a row: the next allowed attempt waits 2 s after the fifth.
    await vi.advanceTimersByTimeAsync(1000);
    await fail(l, 'bob', '10.0.0.1');
    expect(refusal(await l.begin('bob', '10.0.0.1'))).toBe(2);
  });

  it('takes back a cancelled attempt without clearing the failures', async () => {
    const { l } = limiter(2);
    await fail(l, 'bob', '1');
    const cancelled = await l.begin('bob', '1');
    if (cancelled.ok) await cancelled.cancelled();
    await fail(l, 'bob', '1');
    // The third real failure is the first to open a wait: had the cancelled one counted, this one would be refused.
    await fail(l, 'bob', '1');
    expect((await l.begin('bob', '1')).ok).toBe(false);
  });

  it('logs each failure and each refusal, with the reason and never a password', async () => {
    const { l, logs } = limiter(1);
    await fail(l, 'bob', '10.0.0.1');
    await fail(l, 'bob', '10.0.0.1');
    await l.begin('bob', '10.0.0.1');
    expect(logs).toEqual([
      'login failed: user "bob" from 10.0.0.1: wrong password (1 in a row)',
      'login failed: user "bob" from 10.0.0.1: wrong password (2 in a row)',
      'login refused: user "bob" from 10.0.0.1: too many failed attempts, retry in 1 s',
    ]);
  });
});
