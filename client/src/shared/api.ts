/**
 * The HTTP API (shared/contracts/realtime.md), typed. Every failure becomes an ApiError with
 * the server's `{ error: { code, message } }`, or code `network` when no answer came, so a
 * page shows one kind of error whatever went wrong.
 *
 * The browser signs every request in with the HttpOnly cookie `POST /api/login` set: no
 * script here ever holds the token. Each request says it comes from this script
 * (`X-Requested-With`), which the server asks of every change signed in by the cookie, so
 * a form on another site cannot post in the user's name.
 */
import type { AssignmentView, LoginAnswer, SignedInUser, PersonaListing, PublicPersona, SessionListing, SessionView, SignalCatalog, Locale } from './contract.ts';

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
  /** The sign-in the request belongs to (auth.tsx `SignedIn.token`): not sent, the cookie signs in. */
  token?: string | null;
  body?: unknown;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string } } {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The header that marks a request as this script's (authCookie.ts on the server). */
export const SCRIPT_HEADER = { 'x-requested-with': 'sparring' } as const;

export async function apiFetch<T>(path: string, { method = 'GET', body }: Request = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...SCRIPT_HEADER };
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
  /** Who the cookie signs in as: asked at load (401 when signed out). */
  me: () => apiFetch<SignedInUser>('/me'),
  /** Ends this sign-in: the cookie, and every socket opened with it. */
  logout: () => apiFetch<null>('/logout', { method: 'POST' }),
  /** 204; every other sign-in of the user ends, this one carries on with a fresh cookie. */
  changePassword: (currentPassword: string, newPassword: string) => apiFetch<null>('/password', { method: 'POST', body: { currentPassword, newPassword } }),
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
