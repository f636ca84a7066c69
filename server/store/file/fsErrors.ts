/** Reading Node's file-system errors: which one it was, and its message for a problem line. */

export function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
