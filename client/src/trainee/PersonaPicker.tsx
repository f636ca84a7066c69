/**
 * The customers to practise with (`GET /api/personas`), filtered by scenario, difficulty and
 * conversation language. The filters start on the conversation language closest to the
 * interface's and are kept for the tab, so coming back from a briefing finds them as they were. What a coach assigned comes
 * first.
 */
import { useState } from 'react';
import { api } from '../shared/api.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { conversationLocaleFor } from '../shared/i18n/interfaceLanguages.ts';
import { useApiData } from '../shared/useApiData.ts';
import { AssignedPractice } from './AssignedPractice.tsx';
import { PersonaCard } from './PersonaCard.tsx';
import { PersonaFilters, type Filters } from './PersonaFilters.tsx';
import { UnfinishedSessions } from './UnfinishedSessions.tsx';

const FILTERS_KEY = 'sparring.personaFilters';

function readFilters(fallback: Filters): Filters {
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<Filters>) } : fallback;
  } catch {
    return fallback;
  }
}

export function PersonaPicker() {
  const { t, locale } = useI18n();
  const personas = useApiData(api.personas, []);
  const [filters, setFiltersState] = useState<Filters>(() => readFilters({ scenario: 'all', difficulty: 'all', locale: conversationLocaleFor(locale) }));
  const setFilters = (next: Filters) => {
    setFiltersState(next);
    try {
      sessionStorage.setItem(FILTERS_KEY, JSON.stringify(next));
    } catch {
      // Kept for this page only.
    }
  };

  if (personas.status === 'loading') return <p className="muted">{t('picker.loading')}</p>;
  if (personas.status === 'failed') return <p role="alert">{errorText(t, personas.error)}</p>;

  const all = personas.data;
  const shown = all.filter(
    (p) =>
      (filters.scenario === 'all' || p.scenario === filters.scenario) &&
      (filters.difficulty === 'all' || p.difficulty === filters.difficulty) &&
      (filters.locale === 'all' || p.locale === filters.locale),
  );
  return (
    <section className="picker" aria-labelledby="picker-title">
      <h1 id="picker-title">{t('picker.title')}</h1>
      <p className="muted">{t('picker.intro')}</p>
      <AssignedPractice />
      <UnfinishedSessions personas={all} />
      <PersonaFilters filters={filters} onChange={setFilters} />
      <p className="picker__count muted" aria-live="polite">
        {t('picker.count', { shown: shown.length, count: all.length })}
      </p>
      {shown.length === 0 ? (
        <p>{t('picker.empty')}</p>
      ) : (
        <ul className="persona-list">
          {shown.map((p) => (
            <PersonaCard key={`${p.id}/${p.locale}`} persona={p} />
          ))}
        </ul>
      )}
    </section>
  );
}
