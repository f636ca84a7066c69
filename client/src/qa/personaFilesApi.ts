/**
 * The persona files routes (docs/api.md "Persona files (QA)"), typed: the library, a
 * persona's text and versions, the check as the text is written, the save, the tests.
 */
import { apiFetch, ApiError } from '../shared/api.ts';
import type { Locale, PersonaCheck, PersonaFileListItem, PersonaProblem, PersonaSaved, PersonaSource, PersonaTestRun } from '../shared/contract.ts';

const at = (id: string, locale: Locale) => `/persona-files/${encodeURIComponent(id)}/${encodeURIComponent(locale)}`;

export const personaFiles = {
  list: (token: string) => apiFetch<PersonaFileListItem[]>('/persona-files', { token }),
  source: (token: string, id: string, locale: Locale) => apiFetch<PersonaSource>(at(id, locale), { token }),
  version: (token: string, id: string, locale: Locale, version: number) => apiFetch<PersonaSource>(`${at(id, locale)}/versions/${version}`, { token }),
  check: (token: string, text: string) => apiFetch<PersonaCheck>('/persona-files/check', { method: 'POST', token, body: { text } }),
  /** `baseVersion`: the version the text was edited from (0 for a new persona). */
  save: (token: string, id: string, locale: Locale, text: string, baseVersion: number) =>
    apiFetch<PersonaSaved>(at(id, locale), { method: 'PUT', token, body: { text, baseVersion } }),
  runTests: (token: string, id: string, locale: Locale, text: string) => apiFetch<PersonaTestRun>(`${at(id, locale)}/tests`, { method: 'POST', token, body: { text } }),
};

/** The problems a refused save names (a 400's `problems`), or null when it names none. */
export function problemsOf(err: unknown): PersonaProblem[] | null {
  if (!(err instanceof ApiError)) return null;
  const problems = (err.body as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? (problems as PersonaProblem[]) : null;
}
