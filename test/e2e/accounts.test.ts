// Accounts in Chromium, against a whole server: the sign-in lives in an HttpOnly cookie, so
// nothing a script on the page can read holds the token (before, localStorage held it); a
// trainee changes their password from the frame and carries on talking; signing out ends
// the sign-in on the server; a sign-in an admin ends shows the login page with "signed
// out"; an account whose password was reset sees the change-password form and nothing else.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/services.ts';
import type { TestUser } from '../support/testServer.ts';
import { browserSuite } from './browserSuite.ts';
import { chromiumAvailable, CHROMIUM } from './chromium.ts';
import { inPage, openBriefing, signIn, startConversation } from './traineePage.ts';

const run = requireOrSkip(chromiumAvailable(), `Chromium (${CHROMIUM})`);
const DESKTOP = { width: 1280, height: 860 };
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describe.skipIf(!run)('accounts in the browser', () => {
  const suite = browserSuite();

  async function admin(method: string, path: string, body: unknown): Promise<number> {
    const boss = await suite.server.user('admin');
    const res = await fetch(`${suite.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${boss.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.status;
  }

  async function changePassword(page: Page, current: string, next: string): Promise<void> {
    await page.locator('input[name=currentPassword]').fill(current);
    await page.locator('input[name=newPassword]').fill(next);
    await page.locator('input[name=repeatPassword]').fill(next);
    await page.locator('form button[type=submit]').click();
  }

  const apiStatus = async (user: TestUser, token = user.token) =>
    (await fetch(`${suite.server.url}/api/sessions`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('keeps no token where a script can read it, changes the password and talks on, and signs out', async () => {
    const trainee = await suite.server.user('trainee');
    const context = await suite.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    await signIn(page, suite.server.url, trainee.username, trainee.password);

    expect(await inPage<string>(page, 'JSON.stringify(localStorage)')).not.toMatch(JWT);
    expect(await inPage<string>(page, 'document.cookie')).not.toContain('sparring_token');
    const cookie = (await context.cookies()).find((c) => c.name === 'sparring_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await page.locator('[data-testid=change-password]').click();
    await changePassword(page, trainee.password, 'a new passphrase for mei');
    await page.locator('.notice[role=status]').waitFor();
    // Every other sign-in has ended (the token the test server issued), this page's has not.
    expect(await apiStatus(trainee)).toBe(401);
    await page.locator('.app-header__brand').click();
    await openBriefing(page, 'double-charge', 'en');
    await startConversation(page);
    expect(await inPage<string>(page, 'JSON.stringify(localStorage)')).not.toMatch(JWT);

    const signedIn = (await context.cookies()).find((c) => c.name === 'sparring_token')!.value;
    const loggedOut = page.waitForResponse((res) => res.url().endsWith('/api/logout'));
    await page.locator('[data-testid=sign-out]').click();
    await page.locator('input[name=username]').waitFor();
    expect((await loggedOut).status()).toBe(204);
    expect(await apiStatus(trainee, signedIn)).toBe(401);
    await page.reload();
    await page.locator('input[name=username]').waitFor();
    await signIn(page, suite.server.url, trainee.username, 'a new passphrase for mei');
  });

  it('wipes a token an older client left in localStorage', async () => {
    const trainee = await suite.server.user('trainee');
    const page = await (await suite.newContext({ viewport: DESKTOP, locale: 'en-US' })).newPage();
    await page.goto(suite.server.url);
    const legacy = JSON.stringify({ token: trainee.token, user: { id: trainee.id, username: trainee.username, role: 'trainee' } });
    await inPage(page, `localStorage.setItem('sparring.auth', ${JSON.stringify(legacy)})`);
    await page.reload();
    await page.locator('input[name=username]').waitFor();
    expect(await inPage<string>(page, 'JSON.stringify(localStorage)')).not.toMatch(JWT);
  });

  it('shows "signed out" when an admin deactivates the account of an open page', async () => {
    const trainee = await suite.server.user('trainee');
    const page = await (await suite.newContext({ viewport: DESKTOP, locale: 'en-US' })).newPage();
    await signIn(page, suite.server.url, trainee.username, trainee.password);
    expect(await admin('PATCH', `/api/users/${trainee.id}`, { disabled: true })).toBe(200);
    await page.locator('.login .notice[role=status]').waitFor();
    expect(await page.locator('.login .notice').textContent()).toMatch(/signed out/);
  });

  it('shows only the change-password form to an account whose password was reset, until it is changed', async () => {
    const trainee = await suite.server.user('trainee');
    expect(await admin('PATCH', `/api/users/${trainee.id}`, { password: 'given by the admin' })).toBe(200);
    const page = await (await suite.newContext({ viewport: DESKTOP, locale: 'en-US' })).newPage();
    await page.goto(suite.server.url);
    await page.locator('input[name=username]').fill(trainee.username);
    await page.locator('input[name=password]').fill('given by the admin');
    await page.locator('form button[type=submit]').click();
    await page.locator('input[name=newPassword]').waitFor();
    await page.goto(`${suite.server.url}/`);
    await page.locator('input[name=newPassword]').waitFor();
    expect(await page.locator('.persona-list').count()).toBe(0);

    await changePassword(page, 'given by the admin', 'my very own passphrase');
    await page.locator('.persona-list').waitFor();
  });
});
