/**
 * The HTTP API (shared/contracts/realtime.md), typed. Every failure becomes an ApiError with
 * the server's `{ error: { code, message } }`, or code `network` when no answer came, so a
 * page shows one kind of error whatever went wrong.
 */
import type { AssignmentView, LoginAnswer, PersonaListing, PublicPersona, SessionListing, SessionView, SignalCatalog, Locale } from './contract.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    /** The server's code (`unauthorized`, `not_found`, `too_many_attempts`…), or `network`. */
    readonly code: string,
    message: string,
    /** The whole error answer, for routes that add to it (a persona save's `problems`). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

interface Request {
  method?: 'GET' | 'POST' | 'PUT';
  token?: string | null;
  body?: unknown;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string } } {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export async function apiFetch<T>(path: string, { method = 'GET', token, body }: Request = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(parsed)) throw new ApiError(res.status, parsed.error.code, parsed.error.message, parsed);
    throw new ApiError(res.status, res.status >= 500 ? 'unavailable' : 'bad_response', `HTTP ${res.status}`);
  }
  return parsed as T;
}

export const api = {
  login: (username: string, password: string) => apiFetch<LoginAnswer>('/login', { method: 'POST', body: { username, password } }),
  personas: (token: string) => apiFetch<PersonaListing[]>('/personas', { token }),
  persona: (token: string, id: string, locale: Locale) =>
    apiFetch<PublicPersona>(`/personas/${encodeURIComponent(id)}?locale=${encodeURIComponent(locale)}`, { token }),
  sessions: (token: string) => apiFetch<SessionListing[]>('/sessions', { token }),
  session: (token: string, id: string) => apiFetch<SessionView>(`/sessions/${encodeURIComponent(id)}`, { token }),
  /** A trainee's own assignments, newest first (docs/api.md "Assignments"). */
  assignments: (token: string) => apiFetch<AssignmentView[]>('/assignments', { token }),
  /** The rubric's signals with their labels and tones (docs/api.md); shared/useSignals.ts asks once per sign-in. */
  signals: (token: string) => apiFetch<SignalCatalog>('/signals', { token }),
};
