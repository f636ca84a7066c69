/**
 * The sessions list's filters and sort order: read from and written to the address's query
 * (so a reload or a shared link keeps them), and applied to the list. Pure, with no DOM, so
 * the tests run it in Node.
 */
import type { SessionListItem, SessionOutcome } from '../shared/contract.ts';

export const SESSION_OUTCOMES = ['resolved', 'escalated', 'abandoned', 'ended'] as const satisfies readonly SessionOutcome[];
export const SORT_KEYS = ['date', 'trainee', 'persona', 'score'] as const;

export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
/** A session's outcome, `unfinished` for one still running, or `all`. */
export type OutcomeFilter = SessionOutcome | 'unfinished' | 'all';

export interface SessionFilters {
  /** A trainee's id; '' for everyone. */
  trainee: string;
  /** A persona's id; '' for every persona. */
  persona: string;
  /** Local dates, `YYYY-MM-DD`, both ends included; '' for open. */
  from: string;
  to: string;
  outcome: OutcomeFilter;
  /** The overall score's range; null for open. A session without a score is left out once either is set. */
  minScore: number | null;
  maxScore: number | null;
  sort: SortKey;
  direction: SortDirection;
}

export const NO_FILTERS: SessionFilters = {
  trainee: '',
  persona: '',
  from: '',
  to: '',
  outcome: 'all',
  minScore: null,
  maxScore: null,
  sort: 'date',
  direction: 'desc',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function scoreParam(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
}

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);

/** The filters a query string holds; anything missing or malformed is left at its default. */
export function filtersFromQuery(search: string): SessionFilters {
  const q = new URLSearchParams(search);
  const outcome = q.get('outcome');
  const sort = q.get('sort');
  const direction = q.get('dir');
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  return {
    trainee: q.get('trainee') ?? '',
    persona: q.get('persona') ?? '',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    outcome: isOneOf([...SESSION_OUTCOMES, 'unfinished'] as const, outcome) ? outcome : 'all',
    minScore: scoreParam(q.get('min')),
    maxScore: scoreParam(q.get('max')),
    sort: isOneOf(SORT_KEYS, sort) ? sort : NO_FILTERS.sort,
    direction: direction === 'asc' || direction === 'desc' ? direction : defaultDirection(isOneOf(SORT_KEYS, sort) ? sort : NO_FILTERS.sort),
  };
}

/** The query string for the filters (with its `?`, or '' when all are at their defaults). */
export function queryOf(f: SessionFilters): string {
  const q = new URLSearchParams();
  if (f.trainee) q.set('trainee', f.trainee);
  if (f.persona) q.set('persona', f.persona);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.outcome !== 'all') q.set('outcome', f.outcome);
  if (f.minScore !== null) q.set('min', String(f.minScore));
  if (f.maxScore !== null) q.set('max', String(f.maxScore));
  if (f.sort !== NO_FILTERS.sort) q.set('sort', f.sort);
  if (f.direction !== defaultDirection(f.sort)) q.set('dir', f.direction);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Newest and best first; names from A. */
export function defaultDirection(sort: SortKey): SortDirection {
  return sort === 'date' || sort === 'score' ? 'desc' : 'asc';
}

/** A click on a column header: the same column turns its order round, another starts at its default. */
export function toggleSort(f: SessionFilters, sort: SortKey): SessionFilters {
  const direction = f.sort === sort ? (f.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(sort);
  return { ...f, sort, direction };
}

/** `YYYY-MM-DD` of an ISO time, in the reader's own time zone (what their date picker means). */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function matchesFilters(s: SessionListItem, f: SessionFilters): boolean {
  if (f.trainee && s.traineeId !== f.trainee) return false;
  if (f.persona && s.personaId !== f.persona) return false;
  if (f.from || f.to) {
    const day = localDate(s.startedAt);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
  }
  if (f.outcome === 'unfinished' && s.outcome !== null) return false;
  if (f.outcome !== 'all' && f.outcome !== 'unfinished' && s.outcome !== f.outcome) return false;
  if (f.minScore !== null || f.maxScore !== null) {
    if (s.overall === null) return false;
    if (f.minScore !== null && s.overall < f.minScore) return false;
    if (f.maxScore !== null && s.overall > f.maxScore) return false;
  }
  return true;
}

function compare(a: SessionListItem, b: SessionListItem, sort: SortKey): number {
  switch (sort) {
    case 'date':
      return a.startedAt.localeCompare(b.startedAt);
    case 'trainee':
      return a.traineeName.localeCompare(b.traineeName);
    case 'persona':
      return a.personaName.localeCompare(b.personaName);
    case 'score':
      return (a.overall ?? 0) - (b.overall ?? 0);
  }
}

/**
 * The sessions that pass the filters, in the chosen order. Sessions without a score sit at
 * the end whichever way scores are sorted; ties go newest first.
 */
export function filterAndSort(sessions: readonly SessionListItem[], f: SessionFilters): SessionListItem[] {
  const sign = f.direction === 'asc' ? 1 : -1;
  return sessions
    .filter((s) => matchesFilters(s, f))
    .sort((a, b) => {
      if (f.sort === 'score' && (a.overall === null) !== (b.overall === null)) return a.overall === null ? 1 : -1;
      return sign * compare(a, b, f.sort) || b.startedAt.localeCompare(a.startedAt);
    });
}

/** Each distinct value once, by its label: the choices of the trainee and persona filters. */
export function choicesOf(sessions: readonly SessionListItem[], id: (s: SessionListItem) => string, label: (s: SessionListItem) => string): Array<{ id: string; label: string }> {
  const seen = new Map<string, string>();
  for (const s of sessions) if (!seen.has(id(s))) seen.set(id(s), label(s));
  return [...seen].map(([value, text]) => ({ id: value, label: text })).sort((a, b) => a.label.localeCompare(b.label));
}
