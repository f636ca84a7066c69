/**
 * The coach's home (`/coach`): every session, filtered and sorted. The filters live in the
 * address's query, written with replaceState as they change, so a reload, the back button
 * from a replay and a shared link all show the same list.
 */
import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { coachApi } from './coachApi.ts';
import { SessionFiltersForm } from './SessionFiltersForm.tsx';
import { filterAndSort, filtersFromQuery, NO_FILTERS, queryOf, type SessionFilters } from './sessionFilters.ts';
import { SessionTable } from './SessionTable.tsx';

export function SessionsPage() {
  const { t } = useI18n();
  const sessions = useApiData(coachApi.sessions, []);
  const [filters, setFilters] = useState<SessionFilters>(() => filtersFromQuery(location.search));

  useEffect(() => {
    const url = location.pathname + queryOf(filters);
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  }, [filters]);

  const shown = useMemo(() => (sessions.status === 'ready' ? filterAndSort(sessions.data, filters) : []), [sessions, filters]);

  return (
    <section className="coach-sessions" aria-labelledby="coach-sessions-title">
      <h1 id="coach-sessions-title">{t('coach.sessions.title')}</h1>
      {sessions.status === 'loading' && <p className="muted">{t('coach.sessions.loading')}</p>}
      {sessions.status === 'failed' && <p role="alert">{errorText(t, sessions.error)}</p>}
      {sessions.status === 'ready' && (
        <>
          <SessionFiltersForm sessions={sessions.data} filters={filters} onChange={setFilters} onReset={() => setFilters(NO_FILTERS)} />
          <p className="muted" role="status" data-testid="session-count">
            {t('coach.sessions.count', { shown: shown.length, count: sessions.data.length })}
          </p>
          {shown.length === 0 ? (
            <p className="card">{t('coach.sessions.empty')}</p>
          ) : (
            <SessionTable sessions={shown} filters={filters} onSort={setFilters} />
          )}
        </>
      )}
    </section>
  );
}
