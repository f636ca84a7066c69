/**
 * One queue per stored thing (a session file, the users file…): its writes run strictly one
 * after another inside this process, so a check and the write that depends on it cannot
 * interleave with another's.
 */

export interface Queued {
  queue: Promise<unknown>;
}

/** Runs `task` after every task queued before it on `owner`, whatever each one's outcome. */
export function serialise<T>(owner: Queued, task: () => Promise<T>): Promise<T> {
  const run = owner.queue.then(task, task);
  owner.queue = run.catch(() => {});
  return run;
}
