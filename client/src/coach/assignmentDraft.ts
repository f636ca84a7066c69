/**
 * The new-assignment form's content and what the API is sent: personas grouped by id with
 * the languages each exists in, a due date from the date-time field, and the checks a draft
 * must pass before it is sent. Pure.
 */
import type { Locale, PersonaListing } from '../shared/contract.ts';
import type { NewAssignment } from './coachApi.ts';

export interface PersonaChoice {
  id: string;
  /** The name in the reader's language (`readable`) where the persona exists in it. */
  name: string;
  locales: Locale[];
}

export function personaChoices(listings: readonly PersonaListing[], readable: Locale): PersonaChoice[] {
  const byId = new Map<string, PersonaChoice>();
  for (const p of listings) {
    const choice = byId.get(p.id) ?? { id: p.id, name: p.name, locales: [] };
    if (p.locale === readable) choice.name = p.name;
    if (!choice.locales.includes(p.locale)) choice.locales.push(p.locale);
    byId.set(p.id, choice);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface AssignmentDraft {
  personaId: string;
  locale: Locale | '';
  traineeIds: string[];
  /** The `datetime-local` field's value: local time, `YYYY-MM-DDTHH:mm`. */
  due: string;
  hideMood: boolean;
  hints: NewAssignment['hints'];
  note: string;
}

/** A week from `now`, at six in the evening, as a `datetime-local` value. */
export function defaultDue(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 18, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T18:00`;
}

export type DraftProblem = 'persona' | 'locale' | 'trainees' | 'due';

/** The request for a draft, or the first thing missing from it. */
export function assignmentOf(draft: AssignmentDraft): { ok: true; assignment: NewAssignment } | { ok: false; problem: DraftProblem } {
  if (!draft.personaId) return { ok: false, problem: 'persona' };
  if (!draft.locale) return { ok: false, problem: 'locale' };
  if (draft.traineeIds.length === 0) return { ok: false, problem: 'trainees' };
  const due = new Date(draft.due);
  if (!draft.due || Number.isNaN(due.getTime())) return { ok: false, problem: 'due' };
  return {
    ok: true,
    assignment: {
      personaId: draft.personaId,
      locale: draft.locale,
      traineeIds: draft.traineeIds,
      dueAt: due.toISOString(),
      hideMood: draft.hideMood,
      hints: draft.hints,
      note: draft.note.trim(),
    },
  };
}
