/**
 * The password policy (server/auth/credentials.ts): what a new password must be, wherever it
 * is set. Before it, eight spaces and a password equal to the username were accepted.
 */
import { describe, expect, it } from 'vitest';
import { isUsernameAsPassword, NewPassword } from '../../server/auth/credentials.ts';
import { isCommonPassword } from '../../server/auth/commonPasswords.ts';
import { describeInvalid } from '../../server/validation/describeInvalid.ts';
import { readConfig } from '../../server/config.ts';

const problem = (password: string): string | null => {
  const parsed = NewPassword.safeParse(password);
  return parsed.success ? null : describeInvalid(parsed.error, 'password');
};

describe('a new password', () => {
  it('needs 12 characters besides the spaces around it', () => {
    expect(problem('        ')).toMatch(/at least 12 characters/);
    expect(problem(' '.repeat(40))).toMatch(/at least 12 characters/);
    expect(problem('  elevenchars  ')).toMatch(/at least 12 characters/);
    expect(problem('twelve chars')).toBeNull();
    expect(problem('十二個字的中文密碼也可以用的')).toBeNull();
    expect(problem('x'.repeat(201))).toMatch(/at most 200/);
  });

  it('is not one of the common passwords, in any case or with spaces around it', () => {
    expect(isCommonPassword('password1234')).toBe(true);
    expect(problem('password1234')).toMatch(/most common passwords/);
    expect(problem(' PassWord1234 ')).toMatch(/most common passwords/);
    expect(problem('qwerty123456')).toMatch(/most common passwords/);
    expect(problem('a walk along the harbour')).toBeNull();
  });

  it('is not the username, in any case or width', () => {
    expect(isUsernameAsPassword('Administrator', 'administrator')).toBe(true);
    expect(isUsernameAsPassword(' ＭＥＩＬＩＮＧ-ＣＨＡＮ ', 'meiling-chan')).toBe(true);
    expect(isUsernameAsPassword('meiling-chan-2026', 'meiling-chan')).toBe(false);
  });
});

describe('SPARRING_ADMIN_PASSWORD', () => {
  it('meets the same policy, with a message naming the variable but not showing the value', () => {
    for (const bad of ['        ', 'password1234', 'short']) {
      const read = readConfig({ SPARRING_ADMIN_PASSWORD: bad });
      expect(read.ok, bad).toBe(false);
      expect(read.ok ? '' : read.message).toMatch(/^configuration: SPARRING_ADMIN_PASSWORD: /);
      // The message lands in logs: the password is not in it.
      if (bad.trim()) expect(read.ok ? '' : read.message).not.toContain(bad);
    }
    expect(readConfig({ SPARRING_ADMIN_PASSWORD: 'a long operator passphrase' }).ok).toBe(true);
  });
});
