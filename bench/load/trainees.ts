/**
 * The load benchmark's trainees: N accounts written straight into the store before the
 * server starts, each with a token signed by the store's own key, as the server would
 * issue at login. Going through `POST /api/users` and `/api/login` instead would cost two
 * scrypt hashes per account (a minute for 500) and trip the login limiter, and measure
 * neither thing the benchmark is about.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword, randomPassword } from '../../server/auth/passwords.ts';
import { createTokens } from '../../server/auth/tokens.ts';
import { openStore } from '../../server/store/openStore.ts';

export async function seedTrainees(where: Parameters<typeof openStore>[0], count: number, tag: string): Promise<string[]> {
  const store = await openStore(where);
  try {
    const tokens = await createTokens(store, 1);
    // Nobody logs in with these accounts: one hash shared by all saves N - 1 scrypt runs.
    const passwordHash = await hashPassword(randomPassword());
    const createdAt = new Date().toISOString();
    const issued: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = { id: randomUUID(), username: `load-${tag}-${i}`, role: 'trainee' as const, passwordHash, createdAt };
      if (!(await store.createUser(user))) throw new Error(`user ${user.username} exists already`);
      issued.push(await tokens.issue({ userId: user.id, username: user.username, role: user.role }));
    }
    return issued;
  } finally {
    await store.close();
  }
}
