/**
 * The first start creates `admin`: with SPARRING_ADMIN_PASSWORD, or with a random password
 * printed once; a later start, or the second of two starting together, prints nothing.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../server/auth/bootstrapAdmin.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { LoginAnswer } from '../../server/domain/apiAnswers.ts';
import { addUser, call, expectShape, startTestServer, testContext } from './httpTestServer.ts';

describe('ensureAdmin', () => {
  it('creates admin with the password from SPARRING_ADMIN_PASSWORD, and does not print it', async () => {
    const server = await startTestServer({ env: { SPARRING_ADMIN_PASSWORD: 'chosen by the operator' } });
    try {
      expect(await ensureAdmin(server.ctx)).toEqual({ created: true, passwordFrom: 'environment' });
      expect(server.logs).toEqual(['created user "admin" with the password from SPARRING_ADMIN_PASSWORD']);
      const login = await call(server.url, 'POST', '/api/login', { body: { username: 'admin', password: 'chosen by the operator' } });
      expect(login.status).toBe(200);
      // The operator chose it (and it met the policy at start): it stands.
      expect(expectShape(LoginAnswer, login.body).user).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: false });
    } finally {
      await server.close();
    }
  });

  it('prints a random password once, and nothing on the next start', async () => {
    const first = await testContext();
    try {
      expect(await ensureAdmin(first.ctx)).toEqual({ created: true, passwordFrom: 'generated' });
      expect(first.logs).toHaveLength(1);
      const password = /with password (\S+) /.exec(first.logs[0]!)?.[1];
      expect(password).toBeDefined();
      const admin = await first.ctx.store.findUserByUsername('admin');
      expect(admin?.role).toBe('admin');
      expect(await verifyPassword(password!, admin!.passwordHash)).toBe(true);
      await first.ctx.store.close();

      const second = await testContext({}, first.dataDir);
      expect(await ensureAdmin(second.ctx)).toEqual({ created: false });
      expect(second.logs).toEqual([]);
      expect(await second.ctx.store.countUsers()).toBe(1);
      await second.ctx.store.close();
    } finally {
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('makes a generated password be changed at the first sign-in, before anything else', async () => {
    const server = await startTestServer();
    try {
      await ensureAdmin(server.ctx);
      const printed = /with password (\S+) /.exec(server.logs[0]!)![1]!;
      const login = await call(server.url, 'POST', '/api/login', { body: { username: 'admin', password: printed } });
      expect(expectShape(LoginAnswer, login.body).user.mustChangePassword).toBe(true);
      const token = login.body.token as string;
      for (const [method, path] of [['GET', '/api/users'], ['GET', '/api/sessions'], ['GET', '/api/personas']] as const) {
        const refused = await call(server.url, method, path, { token });
        expect(refused.status, path).toBe(403);
        expect(refused.body.error.code, path).toBe('password_change_required');
      }
      expect((await call(server.url, 'GET', '/api/me', { token })).body).toMatchObject({ username: 'admin', mustChangePassword: true });
      const changed = await call(server.url, 'POST', '/api/password', { token, body: { currentPassword: printed, newPassword: 'my own admin passphrase' } });
      expect(changed.status).toBe(204);

      const again = await call(server.url, 'POST', '/api/login', { body: { username: 'admin', password: 'my own admin passphrase' } });
      expect(again.body.user.mustChangePassword).toBe(false);
      expect((await call(server.url, 'GET', '/api/users', { token: again.body.token })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('does nothing when any user exists', async () => {
    const { ctx, logs, dataDir } = await testContext();
    try {
      await addUser(ctx.store, 'ada', 'admin');
      expect(await ensureAdmin(ctx)).toEqual({ created: false });
      expect(logs).toEqual([]);
      expect(await ctx.store.findUserByUsername('admin')).toBeNull();
    } finally {
      await ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('creates one admin and prints once when two starts race', async () => {
    const { ctx, logs, dataDir } = await testContext();
    try {
      const results = await Promise.all([ensureAdmin(ctx), ensureAdmin(ctx)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(logs).toHaveLength(1);
      expect(await ctx.store.countUsers()).toBe(1);
    } finally {
      await ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
