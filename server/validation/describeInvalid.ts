/**
 * A zod failure as one line that names the field first ("password: Too small…"), so a person
 * reading the answer knows what to fix, for HTTP bodies and socket payloads alike. Only the
 * first issue (one fix at a time), and never the value itself (it may be huge or hostile).
 */
import type { z } from 'zod';

/** `what` names the whole input when the problem is not in one field: "body", "query", "payload". */
export function describeInvalid(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `${what}: invalid`;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return `${where}${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: unknown field${issue.keys.length > 1 ? 's' : ''}`;
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : what;
  return `${field}: ${issue.message}`;
}
