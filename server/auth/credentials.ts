/**
 * What a username and a password may be, checked the same way wherever they arrive (login,
 * account creation, password change and reset, SPARRING_ADMIN_PASSWORD). Usernames are
 * compared after NFKC and lower-casing, so `Admin` and `admin` are one account, and
 * full-width letters are their ASCII selves.
 *
 * A new password (ASVS 2.1): at least 12 characters not counting spaces around it (eight
 * spaces are no password), at most 200, not the account's own name, and not one of the
 * common passwords (commonPasswords.ts). Nothing else is demanded of it: no mix of
 * character classes, any script, spaces inside welcome.
 */
import { z } from 'zod';
import { isCommonPassword } from './commonPasswords.ts';
import { storedText } from '../text/storedText.ts';

/**
 * The form a username is stored and looked up in. Control and bidirectional characters go
 * first: a typed name is written to the log when its login fails, and must stay one line.
 */
export function normalizeUsername(name: string): string {
  return storedText(name, 'single').normalize('NFKC').trim().toLowerCase();
}

/** Letters of any script, digits, `.`, `_`, `-`: a login name, not a display name. */
export const Username = z
  .string()
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .min(2, 'must be at least 2 characters')
      .max(40, 'must be at most 40 characters')
      .regex(/^[\p{L}\p{N}._-]+$/u, 'may hold letters, digits, ".", "_" and "-" only'),
  );

// scrypt reads the whole password: a cap keeps one request from costing much more than another.
const MAX_PASSWORD = 200;

export const MIN_PASSWORD = 12;

/** A new password, on its own: length and the common-password list. */
export const NewPassword = z
  .string()
  .max(MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`)
  .refine((p) => p.trim().length >= MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters, not counting spaces around it`)
  .refine((p) => !isCommonPassword(p), 'is one of the most common passwords: choose another');

/** Whether a password is the username itself (ignoring case, width and spaces around it). */
export function isUsernameAsPassword(password: string, username: string): boolean {
  return normalizeUsername(password) === normalizeUsername(username);
}

/** The message when a new password is the account's own name. */
export const PASSWORD_IS_USERNAME = 'must not be the username';

/** A password typed at login: any length checks against the hash, short or not. */
export const GivenPassword = z.string().min(1, 'must not be empty').max(MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`);

/** A username typed at login: any short string; one that breaks the rules simply matches nobody. */
export const GivenUsername = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .transform(normalizeUsername);
