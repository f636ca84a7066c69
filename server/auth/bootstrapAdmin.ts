/**
 * The first start: when the store holds no user at all, creates `admin`, with the password
 * from SPARRING_ADMIN_PASSWORD or, when unset, a random one printed once in the log. Later
 * starts find users and do nothing, so the password is never printed twice.
 *
 * A generated password has been printed where others may read it (a terminal, a log): the
 * account is marked `mustChangePassword`, and every route but password change and logout
 * answers 403 until its owner sets their own. A password from SPARRING_ADMIN_PASSWORD was
 * chosen by the operator, passed the password policy at start (config.ts), and stands.
 *
 * Two processes starting together on one store (Redis) may both see no user: both try to
 * create `admin`, the store lets one win (`createUser` is false for the other), and only
 * the winner prints.
 */
import { randomUUID } from 'node:crypto';
import type { SessionStore } from '../store/sessionStore.ts';
import { hashPassword, randomPassword } from './passwords.ts';

export const ADMIN_USERNAME = 'admin';

export type AdminBootstrap = { created: false } | { created: true; passwordFrom: 'environment' | 'generated' };

/** What the first start needs: the store, the configured password, and the log to print a generated one. */
export interface AdminBootstrapDeps {
  store: Pick<SessionStore, 'countUsers' | 'createUser'>;
  config: { adminPassword?: string | undefined };
  log(line: string): void;
}

export async function ensureAdmin(ctx: AdminBootstrapDeps): Promise<AdminBootstrap> {
  if ((await ctx.store.countUsers()) > 0) return { created: false };
  const configured = ctx.config.adminPassword;
  const password = configured ?? randomPassword();
  const created = await ctx.store.createUser({
    id: randomUUID(),
    username: ADMIN_USERNAME,
    role: 'admin',
    passwordHash: await hashPassword(password),
    createdAt: new Date().toISOString(),
    ...(configured ? {} : { mustChangePassword: true }),
  });
  if (!created) return { created: false };
  if (configured) {
    ctx.log(`created user "${ADMIN_USERNAME}" with the password from SPARRING_ADMIN_PASSWORD`);
    return { created: true, passwordFrom: 'environment' };
  }
  // Printed this once only: whoever starts the server first must note it now.
  ctx.log(`created user "${ADMIN_USERNAME}" with password ${password} (shown only this once: note it now; it must be changed at the first sign-in)`);
  return { created: true, passwordFrom: 'generated' };
}
