/**
 * The common-password list: the 49,000 passwords people pick most (zxcvbn's
 * `passwords-common`, shipped as data by @zxcvbn-ts/language-common). Read once, on the first
 * password checked, into a Set: a start that never sets a password never pays for it
 * (about 0.1 s).
 */
import { createRequire } from 'node:module';

let common: Set<string> | undefined;

function load(): Set<string> {
  // Synchronous, so a zod refinement can ask; the package ships CommonJS beside its ES module.
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
  const list = dictionary['passwords-common'];
  if (!list) throw new Error('@zxcvbn-ts/language-common has no passwords-common list');
  return new Set(list);
}

/** Whether a password, ignoring case and surrounding spaces, is on the list. */
export function isCommonPassword(password: string): boolean {
  common ??= load();
  return common.has(password.trim().toLowerCase());
}
