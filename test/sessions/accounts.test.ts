// Signing out, over HTTP and the socket together: logout, a password change, an admin's
// deactivation or role change end a sign-in at once, its open sockets included; every socket
// event checks the token again (its expiry, the role as stored now). Each case failed before
// revocation existed: tokens lived their 12 hours whatever happened, and a socket kept the
// role and the token it connected with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import type { SignedOut } from '../../server/sessions/serverEvents.ts';
import { call, record } from '../support/socketClient.ts';
import { startTestServer, type TestClient, type TestServer, type TestUser } from '../support/testServer.ts';

let server: TestServer;
let now = Date.now();
beforeAll(async () => {
  // Tokens are dated and checked by this clock; the test moves it to see one expire.
  server = await startTestServer({ now: () => now });
});
afterAll(async () => {
  await server.close();
  await server.remove();
});

async function http(method: string, path: string, { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie') };
}

async function login(user: TestUser, password = user.password): Promise<string> {
  const res = await server.signIn(user.username, password);
  if (!res.token) throw new Error(`login ${user.username}: ${res.status}`);
  return res.token;
}

/** Resolves with why the server signed this socket out, once it has also closed it. */
function signedOut(socket: TestClient): Promise<SignedOut['reason']> {
  const told = record(socket).next('account:signed-out');
  const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  return Promise.all([told, closed]).then(([payload, why]) => {
    expect(why).toBe('io server disconnect');
    return payload.reason;
  });
}

const start = (socket: TestClient) => call(socket, 'session:start', { personaId: 'double-charge', locale: 'en' });

describe('logout', () => {
  it("stops that token and its socket at once, and leaves the user's other sign-ins alone", async () => {
    const mei = await server.user('trainee');
    const [phone, laptop] = [await login(mei), await login(mei)];
    const phoneSocket = await server.connect(phone);
    const laptopSocket = await server.connect(laptop);
    const out = signedOut(phoneSocket);

    expect((await http('POST', '/api/logout', { token: phone })).status).toBe(204);
    expect(await out).toBe('logout');
    expect((await http('GET', '/api/sessions', { token: phone })).status).toBe(401);
    await expect(server.connect(phone)).rejects.toThrow('unauthorized');

    expect((await http('GET', '/api/sessions', { token: laptop })).status).toBe(200);
    expect(await start(laptopSocket)).toMatchObject({ ok: true });
  });
});

describe("changing one's password", () => {
  it('signs out every token and socket of the user, and keeps the caller signed in by a fresh cookie', async () => {
    const mei = await server.user('trainee');
    const [here, elsewhere] = [await login(mei), await login(mei)];
    const elsewhereSocket = await server.connect(elsewhere);
    const out = signedOut(elsewhereSocket);

    const changed = await http('POST', '/api/password', { token: here, body: { currentPassword: mei.password, newPassword: 'a brand new passphrase' } });
    expect(changed.status).toBe(204);
    expect(await out).toBe('password_changed');
    for (const token of [here, elsewhere]) expect((await http('GET', '/api/sessions', { token })).status).toBe(401);

    // The answer's cookie is the caller's new sign-in: the web client carries on.
    const cookie = /sparring_token=([^;]+)/.exec(changed.cookie ?? '')?.[1];
    expect(cookie).toBeDefined();
    expect((await http('GET', '/api/me', { headers: { cookie: `sparring_token=${cookie}` } })).body).toMatchObject({ username: mei.username });
    expect((await server.signIn(mei.username, mei.password)).status).toBe(401);
    expect((await server.signIn(mei.username, 'a brand new passphrase')).status).toBe(200);
  });

  it.each([
    ['eight spaces', '        ', /^newPassword: must be at least 12 characters/],
    ['eleven letters padded with spaces', '   abcdefghijk   ', /^newPassword: must be at least 12 characters/],
    ['a common password', 'password1234', /^newPassword: is one of the most common passwords/],
    ['the username', 'USERNAME', /^newPassword: must not be the username/],
  ])('refuses %s, naming the field, and changes nothing', async (_name, password, message) => {
    const user = await server.user('trainee', `pw-${Math.random().toString(36).slice(2, 14)}`);
    const token = await login(user);
    const newPassword = password === 'USERNAME' ? user.username.toUpperCase() : password;
    const res = await http('POST', '/api/password', { token, body: { currentPassword: user.password, newPassword } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect((await http('GET', '/api/sessions', { token })).status).toBe(200);
  });

  it('refuses a wrong current password', async () => {
    const user = await server.user('trainee');
    const token = await login(user);
    const res = await http('POST', '/api/password', { token, body: { currentPassword: 'not my password at all', newPassword: 'a brand new passphrase' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^currentPassword: /);
  });
});

describe("an admin's account changes", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await login(await server.user('admin'));
  });

  it('a deactivated user is signed out, cannot sign in, and can again once reactivated', async () => {
    const tom = await server.user('trainee');
    const token = await login(tom);
    const out = signedOut(await server.connect(token));

    const res = await http('PATCH', `/api/users/${tom.id}`, { token: admin, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: tom.id, disabled: true });
    expect(await out).toBe('account_changed');
    expect((await http('GET', '/api/sessions', { token })).status).toBe(401);
    expect((await server.signIn(tom.username, tom.password)).status).toBe(403);

    expect((await http('PATCH', `/api/users/${tom.id}`, { token: admin, body: { disabled: false } })).status).toBe(200);
    expect((await server.signIn(tom.username, tom.password)).status).toBe(200);
  });

  it('a reset password signs the user out and must be changed at the next sign-in', async () => {
    const tom = await server.user('trainee');
    const old = await login(tom);
    expect((await http('PATCH', `/api/users/${tom.id}`, { token: admin, body: { password: 'a temporary passphrase' } })).status).toBe(200);
    expect((await http('GET', '/api/sessions', { token: old })).status).toBe(401);
    const token = await login(tom, 'a temporary passphrase');
    const refused = await http('GET', '/api/sessions', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    expect((await http('GET', '/api/me', { token })).body).toMatchObject({ mustChangePassword: true });
  });

  it('a new role signs the user out of every socket', async () => {
    const tom = await server.user('trainee');
    const out = signedOut(await server.connect(await login(tom)));
    expect((await http('PATCH', `/api/users/${tom.id}`, { token: admin, body: { role: 'coach' } })).body).toMatchObject({ role: 'coach' });
    expect(await out).toBe('account_changed');
  });

  it('only an admin changes accounts, and not their own role or activity', async () => {
    const coach = await server.user('coach');
    const self = await server.user('admin');
    const selfToken = await login(self);
    expect((await http('PATCH', `/api/users/${self.id}`, { token: await login(coach), body: { disabled: true } })).status).toBe(403);
    expect((await http('PATCH', `/api/users/${self.id}`, { token: selfToken, body: { disabled: true } })).status).toBe(403);
    expect((await http('PATCH', `/api/users/${self.id}`, { token: selfToken, body: { role: 'trainee' } })).status).toBe(403);
    expect((await http('PATCH', `/api/users/nobody`, { token: admin, body: { disabled: true } })).status).toBe(404);
    expect((await http('PATCH', `/api/users/${self.id}`, { token: admin, body: {} })).status).toBe(400);
  });
});

describe('every socket event checks the sign-in again', () => {
  it('takes the role as stored now, not as it was at the handshake', async () => {
    const tina = await server.user('trainee');
    const socket = await server.connect(await login(tina));
    expect(await start(socket)).toMatchObject({ ok: true });
    // Changed in the store alone (no sign-out): only a check at each event can see it.
    await server.ctx.store.updateUser(tina.id, { role: 'coach' });
    expect(await start(socket)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses the next event of a socket whose token has expired, and closes it', async () => {
    const tina = await server.user('trainee');
    const socket = await server.connect(await login(tina));
    expect(await start(socket)).toMatchObject({ ok: true });
    const out = signedOut(socket);
    now += 3600_000 + 1000;
    try {
      expect(await start(socket)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(await out).toBe('expired');
    } finally {
      now = Date.now();
    }
  });
});

describe("the web client's cookie", () => {
  it('is HttpOnly and SameSite=Strict, signs in the API and the socket, and logout clears it', async () => {
    const mei = await server.user('trainee');
    const res = await http('POST', '/api/login', { body: { username: mei.username, password: mei.password } });
    expect(res.cookie).toMatch(/^sparring_token=[^;]+; Max-Age=3600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const cookie = res.cookie!.split(';')[0]!;

    expect((await http('GET', '/api/me', { headers: { cookie } })).body).toEqual({ id: mei.id, username: mei.username, role: 'trainee', mustChangePassword: false });
    const socket: TestClient = connectClient(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(await start(socket)).toMatchObject({ ok: true });

      // A change signed in by the cookie alone must come from a script: a cross-site form cannot add these.
      expect((await http('POST', '/api/logout', { headers: { cookie } })).status).toBe(403);
      const out = signedOut(socket);
      const logout = await http('POST', '/api/logout', { headers: { cookie, 'x-requested-with': 'fetch' } });
      expect(logout.status).toBe(204);
      expect(logout.cookie).toMatch(/^sparring_token=; Path=\/; Expires=Thu, 01 Jan 1970/);
      expect(await out).toBe('logout');
      expect((await http('GET', '/api/me', { headers: { cookie } })).status).toBe(401);
    } finally {
      socket.close();
    }
  });
});
