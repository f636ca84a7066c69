// The coach's sessions list: filters read from and written to the address's query, applied
// to the list, and the sort order (client/src/coach/sessionFilters.ts).
import { describe, expect, it } from 'vitest';
import type { SessionListItem } from '../../server/domain/apiAnswers.ts';
import {
  choicesOf,
  filterAndSort,
  filtersFromQuery,
  localDate,
  NO_FILTERS,
  queryOf,
  toggleSort,
  type SessionFilters,
} from '../../client/src/coach/sessionFilters.ts';

/** Noon local time on a day, so the local date is that day in any time zone the test runs in. */
const noon = (day: string) => new Date(`${day}T12:00:00`).toISOString();

function session(id: string, over: Partial<SessionListItem>): SessionListItem {
  return {
    id,
    traineeId: 't1',
    traineeName: 'amy',
    personaId: 'late-disbursement',
    personaName: 'Mr Chen',
    startedAt: noon('2026-03-10'),
    endedAt: null,
    outcome: null,
    overall: null,
    personaVersion: 1,
    locale: 'zh-Hant',
    scenario: 'complaint',
    criteria: null,
    assignmentId: null,
    tryout: false,
    ...over,
  };
}

const SESSIONS: SessionListItem[] = [
  session('a', { startedAt: noon('2026-03-01'), outcome: 'resolved', overall: 82 }),
  session('b', { startedAt: noon('2026-03-05'), traineeId: 't2', traineeName: 'ben', outcome: 'escalated', overall: 40, personaId: 'double-deduction', personaName: 'Mrs Wang' }),
  session('c', { startedAt: noon('2026-03-09'), outcome: 'ended', overall: 61 }),
  session('d', { startedAt: noon('2026-03-12'), traineeId: 't2', traineeName: 'ben' }),
];

const ids = (list: SessionListItem[]) => list.map((s) => s.id);
const withFilters = (over: Partial<SessionFilters>) => ({ ...NO_FILTERS, ...over });

describe('the sessions filters in the address', () => {
  it('are all at their defaults for an empty query, and write nothing back', () => {
    expect(filtersFromQuery('')).toEqual(NO_FILTERS);
    expect(queryOf(NO_FILTERS)).toBe('');
  });

  it('survive a round trip through the query', () => {
    const filters = withFilters({ trainee: 't1', persona: 'late-disbursement', from: '2026-03-01', to: '2026-03-31', outcome: 'resolved', minScore: 50, maxScore: 90, sort: 'score', direction: 'asc' });
    const query = queryOf(filters);
    expect(query).toMatch(/^\?/);
    expect(filtersFromQuery(query)).toEqual(filters);
  });

  it('ignore what is malformed: a bad date, outcome, sort or score is left at its default', () => {
    expect(filtersFromQuery('?from=yesterday&to=2026-3-1&outcome=won&sort=colour&dir=up&min=abc&max=')).toEqual(NO_FILTERS);
    expect(filtersFromQuery('?min=-5&max=250')).toMatchObject({ minScore: 0, maxScore: 100 });
  });

  it('keep the unfinished outcome', () => {
    expect(filtersFromQuery(queryOf(withFilters({ outcome: 'unfinished' }))).outcome).toBe('unfinished');
  });
});

describe('filtering the sessions', () => {
  it('by trainee and by persona', () => {
    expect(ids(filterAndSort(SESSIONS, withFilters({ trainee: 't2' })))).toEqual(['d', 'b']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ persona: 'double-deduction' })))).toEqual(['b']);
  });

  it('by date range, both ends included, in local dates', () => {
    expect(localDate(noon('2026-03-05'))).toBe('2026-03-05');
    expect(ids(filterAndSort(SESSIONS, withFilters({ from: '2026-03-05', to: '2026-03-09' })))).toEqual(['c', 'b']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ from: '2026-03-10' })))).toEqual(['d']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ to: '2026-03-01' })))).toEqual(['a']);
  });

  it('by outcome, with unfinished for a session still running', () => {
    expect(ids(filterAndSort(SESSIONS, withFilters({ outcome: 'escalated' })))).toEqual(['b']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ outcome: 'unfinished' })))).toEqual(['d']);
  });

  it('by overall score, leaving out sessions without one once a bound is set', () => {
    expect(ids(filterAndSort(SESSIONS, withFilters({ minScore: 60 })))).toEqual(['c', 'a']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ maxScore: 61 })))).toEqual(['c', 'b']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ minScore: 0 })))).toEqual(['c', 'b', 'a']);
  });
});

describe('sorting the sessions', () => {
  it('starts newest first', () => {
    expect(ids(filterAndSort(SESSIONS, NO_FILTERS))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('turns a column round on a second click; another column starts at its own default', () => {
    const byDateAsc = toggleSort(NO_FILTERS, 'date');
    expect(byDateAsc).toMatchObject({ sort: 'date', direction: 'asc' });
    expect(ids(filterAndSort(SESSIONS, byDateAsc))).toEqual(['a', 'b', 'c', 'd']);
    expect(toggleSort(byDateAsc, 'trainee')).toMatchObject({ sort: 'trainee', direction: 'asc' });
    expect(toggleSort(byDateAsc, 'score')).toMatchObject({ sort: 'score', direction: 'desc' });
  });

  it('by score, with unscored sessions last either way', () => {
    const best = withFilters({ sort: 'score', direction: 'desc' });
    expect(ids(filterAndSort(SESSIONS, best))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(filterAndSort(SESSIONS, toggleSort(best, 'score')))).toEqual(['b', 'c', 'a', 'd']);
  });

  it('by trainee and persona name, ties newest first', () => {
    expect(ids(filterAndSort(SESSIONS, withFilters({ sort: 'trainee', direction: 'asc' })))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(filterAndSort(SESSIONS, withFilters({ sort: 'persona', direction: 'desc' })))[0]).toBe('b');
  });
});

describe('the filter choices', () => {
  it('name each trainee once, by name', () => {
    expect(choicesOf(SESSIONS, (s) => s.traineeId, (s) => s.traineeName)).toEqual([
      { id: 't1', label: 'amy' },
      { id: 't2', label: 'ben' },
    ]);
  });
});
