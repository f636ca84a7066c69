/**
 * What a username and a password may be, checked the same way wherever they arrive (login,
 * account creation). Usernames are compared after NFKC and lower-casing, so `Admin` and
 * `admin` are one account, and full-width letters are their ASCII selves.
 */
import { z } from 'zod';
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

/** A new password. */
export const NewPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`);

/** A password typed at login: any length checks against the hash, short or not. */
export const GivenPassword = z.string().min(1, 'must not be empty').max(MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`);

/** A username typed at login: any short string; one that breaks the rules simply matches nobody. */
export const GivenUsername = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .transform(normalizeUsername);
