/**
 * Accounts, for admins only: `POST /api/users {username, password, role}` creates one (409
 * when the name is taken), `GET /api/users` lists them, `PATCH /api/users/:id {role?,
 * disabled?, password?}` changes one (extension). Password hashes never leave the store.
 *
 * Any change by PATCH signs the user out everywhere: their token version goes up and their
 * sockets close, so a deactivation, a new role or a reset password counts at once. A reset
 * password is one the admin knows: the user must change it at their next sign-in. An admin
 * cannot deactivate themself or change their own role, so the last admin cannot lock
 * everyone out.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { canManageUsers } from '../../auth/access.ts';
import { isUsernameAsPassword, NewPassword, PASSWORD_IS_USERNAME, Username } from '../../auth/credentials.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { ServerContext } from '../../serverContext.ts';
import { Role, type User, type UserChange } from '../../domain/records.ts';
import type { PublicUser } from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';

const NewUser = z
  .strictObject({ username: Username, password: NewPassword, role: Role })
  .refine((u) => !isUsernameAsPassword(u.password, u.username), { path: ['password'], message: PASSWORD_IS_USERNAME });

const AccountChange = z
  .strictObject({ role: Role.optional(), disabled: z.boolean().optional(), password: NewPassword.optional() })
  .refine((c) => c.role !== undefined || c.disabled !== undefined || c.password !== undefined, { message: 'give at least one of role, disabled, password' });

export type { PublicUser };

export function publicUser(u: User): PublicUser {
  return { id: u.id, username: u.username, role: u.role, createdAt: u.createdAt, disabled: u.disabled === true };
}

function adminOnly(res: Response): boolean {
  if (canManageUsers(callerOf(res).role)) return true;
  sendError(res, 'forbidden', 'only an admin manages users');
  return false;
}

export function userRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    if (!adminOnly(res)) return;
    const users = await ctx.store.listUsers();
    const list: PublicUser[] = users.map(publicUser);
    res.json(list);
  });

  router.post('/', async (req, res) => {
    // Who asks is checked before what they send: a trainee learns nothing about the rules.
    if (!adminOnly(res)) return;
    const body = NewUser.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { username, password, role } = body.data;
    const taken = (): void => sendError(res, 'conflict', `the username "${username}" is taken`);
    // Saves a slow hash in the common case; createUser settles a race between two admins.
    if (await ctx.store.findUserByUsername(username)) return taken();
    const user: User = { id: randomUUID(), username, role, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
    if (!(await ctx.store.createUser(user))) return taken();
    ctx.log(`user "${username}" (${role}) created by "${callerOf(res).username}"`);
    res.status(201).json(publicUser(user));
  });

  router.patch('/:id', async (req, res) => {
    if (!adminOnly(res)) return;
    const body = AccountChange.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeInvalid(body.error, 'body'));
    const { role, disabled, password } = body.data;
    const admin = callerOf(res);
    const user = await ctx.store.getUser(req.params.id);
    if (!user) return sendError(res, 'not_found', 'no user with this id');
    if (user.id === admin.userId && (disabled === true || (role !== undefined && role !== user.role))) {
      return sendError(res, 'forbidden', 'an admin cannot deactivate themself or change their own role: ask another admin');
    }
    if (password !== undefined && isUsernameAsPassword(password, user.username)) return sendError(res, 'bad_request', `password: ${PASSWORD_IS_USERNAME}`);
    const change: UserChange = {
      ...(role !== undefined ? { role } : {}),
      ...(disabled !== undefined ? { disabled } : {}),
      ...(password !== undefined ? { passwordHash: await hashPassword(password), mustChangePassword: true } : {}),
    };
    const changed = await ctx.store.updateUser(user.id, change, { revokeTokens: true });
    if (!changed) return sendError(res, 'not_found', 'no user with this id');
    ctx.signOut?.user(changed.id, 'account_changed');
    const what = [role && `role ${role}`, disabled === true && 'deactivated', disabled === false && 'reactivated', password && 'password reset'].filter(Boolean).join(', ');
    ctx.log(`user "${changed.username}" changed by "${admin.username}": ${what}`);
    res.json(publicUser(changed));
  });

  return router;
}
