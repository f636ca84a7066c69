/**
 * Accounts, for admins only: `POST /api/users {username, password, role}` creates one (409
 * when the name is taken), `GET /api/users` lists them. Password hashes never leave the store.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { canManageUsers } from '../../auth/access.ts';
import { NewPassword, Username } from '../../auth/credentials.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { ServerContext } from '../../serverContext.ts';
import { Role, type User } from '../../domain/records.ts';
import type { PublicUser } from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';

const NewUser = z.strictObject({ username: Username, password: NewPassword, role: Role });

export type { PublicUser };

export function publicUser(u: User): PublicUser {
  return { id: u.id, username: u.username, role: u.role, createdAt: u.createdAt };
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

  return router;
}
