/**
 * The login limiter on its own, with a hand-turned clock: limits per username and per
 * address, the window passing, a success clearing the username, in-flight attempts counted.
 */
import { describe, expect, it } from 'vitest';
import { createLoginLimiter, type LoginAttempt } from '../../server/auth/loginLimiter.ts';

function limiter(perUsername = 3, perAddress = 5) {
  let t = 1_000_000;
  const logs: string[] = [];
  const l = createLoginLimiter({ perUsername, perAddress, windowMs: 60_000, log: (line) => logs.push(line), now: () => t });
  return { l, logs, advance: (ms: number) => (t += ms) };
}

function fail(attempt: LoginAttempt): void {
  if (!attempt.ok) throw new Error('refused');
  attempt.failed('wrong password');
}

describe('createLoginLimiter', () => {
  it('refuses a username after its failures, until the window passes', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) fail(l.begin('bob', '10.0.0.1'));
    advance(15_000);
    expect(l.begin('bob', '10.0.0.2')).toEqual({ ok: false, retryAfterSeconds: 45 });
    expect(l.begin('alice', '10.0.0.1').ok).toBe(true);
    advance(45_000);
    expect(l.begin('bob', '10.0.0.2').ok).toBe(true);
  });

  it('refuses an address that tries many usernames', () => {
    const { l } = limiter();
    for (const name of ['a', 'b', 'c', 'd', 'e']) fail(l.begin(name, '10.0.0.9'));
    expect(l.begin('f', '10.0.0.9').ok).toBe(false);
    expect(l.begin('f', '10.0.0.8').ok).toBe(true);
  });

  it('clears the username on success and gives the address its attempt back', () => {
    const { l } = limiter(3, 3);
    fail(l.begin('bob', '10.0.0.1'));
    fail(l.begin('bob', '10.0.0.1'));
    const ok = l.begin('bob', '10.0.0.1');
    if (ok.ok) ok.succeeded();
    fail(l.begin('bob', '10.0.0.2'));
    fail(l.begin('bob', '10.0.0.2'));
    expect(l.begin('bob', '10.0.0.2').ok).toBe(true);
  });

  it('counts attempts still being checked', () => {
    const { l } = limiter();
    const pending = [l.begin('bob', '1'), l.begin('bob', '2'), l.begin('bob', '3')];
    expect(pending.every((a) => a.ok)).toBe(true);
    expect(l.begin('bob', '4').ok).toBe(false);
  });

  it('takes back a cancelled attempt without clearing the failures', () => {
    const { l } = limiter();
    fail(l.begin('bob', '1'));
    fail(l.begin('bob', '1'));
    const cancelled = l.begin('bob', '1');
    if (cancelled.ok) cancelled.cancelled();
    fail(l.begin('bob', '1'));
    expect(l.begin('bob', '1').ok).toBe(false);
  });

  it('logs each failure and each refusal, with the reason', () => {
    const { l, logs } = limiter(1);
    fail(l.begin('bob', '10.0.0.1'));
    l.begin('bob', '10.0.0.1');
    expect(logs).toEqual([
      'login failed: user "bob" from 10.0.0.1: wrong password (1 of 1 for this user)',
      'login refused: user "bob" from 10.0.0.1: too many failed attempts, retry in 60 s',
    ]);
  });
});
