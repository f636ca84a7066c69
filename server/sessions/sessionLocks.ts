/**
 * One thing at a time per session (and per trainee for starts), within this process: a
 * second `trainee:say` waits until the customer has answered the first, and `session:end`
 * reports a transcript with the reply in flight included. This is ordering, not state:
 * everything is loaded from the store inside the lock, and across processes the store's
 * index check (appendTurn) keeps a session's transcript whole.
 */
const tails = new Map<string, Promise<unknown>>();

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(work);
  // The tails never reject: the next in line waits for this one to settle, whether it succeeded or not.
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
