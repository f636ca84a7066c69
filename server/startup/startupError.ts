/**
 * A reason the server cannot start, as one line a person can act on (which variable, what
 * is wrong with it). server/main.ts prints it and exits 1; a stack trace would only hide
 * the one fact that matters, so the CLI never prints one for a failed start.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The error's code and first line, e.g. `ECONNREFUSED` or `EACCES: permission denied`: enough to act on. */
export function shortReason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return shortReason(err.errors[0]);
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  const first = err.message.split('\n')[0]!.trim();
  if (code && first && !first.includes(code)) return `${code}: ${first}`;
  return first || code || err.name;
}

/** The one line printed for any failed start: ours as written, anything else with its reason only. */
export function describeStartupFailure(err: unknown): string {
  return err instanceof StartupError ? err.message : `unexpected error while starting: ${shortReason(err)}`;
}
