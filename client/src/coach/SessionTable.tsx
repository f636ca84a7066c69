/**
 * The sessions as a table. The date, trainee, persona and score headers are buttons that
 * sort (a second press turns the order round), announced with aria-sort. Each row leads
 * to the replay, each trainee's name to their progress. On a phone each row becomes a card.
 */
import type { SessionListItem } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { dateTimeText } from './dateText.ts';
import { RouteLink } from '../shared/RouteLink.tsx';
import { toggleSort, type SessionFilters, type SortKey } from './sessionFilters.ts';

interface Props {
  sessions: readonly SessionListItem[];
  filters: SessionFilters;
  onSort(filters: SessionFilters): void;
}

function SortHeader({ sortKey, label, filters, onSort }: { sortKey: SortKey; label: string } & Pick<Props, 'filters' | 'onSort'>) {
  const active = filters.sort === sortKey;
  const sort = active ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={sort} data-sort={sortKey}>
      <button type="button" className="coach-sort" onClick={() => onSort(toggleSort(filters, sortKey))}>
        {label}
        <span className="coach-sort__arrow" aria-hidden="true">
          {active ? (filters.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function SessionTable({ sessions, filters, onSort }: Props) {
  const { t, locale } = useI18n();
  const header = { filters, onSort };
  return (
    <div className="coach-table-wrap">
      <table className="coach-table" data-testid="session-table">
        <caption className="visually-hidden">{t('coach.sessions.caption')}</caption>
        <thead>
          <tr>
            <SortHeader sortKey="date" label={t('coach.sessions.date')} {...header} />
            <SortHeader sortKey="trainee" label={t('coach.sessions.trainee')} {...header} />
            <SortHeader sortKey="persona" label={t('coach.sessions.persona')} {...header} />
            <th scope="col">{t('coach.sessions.outcome')}</th>
            <SortHeader sortKey="score" label={t('coach.sessions.score')} {...header} />
            <th scope="col">
              <span className="visually-hidden">{t('coach.sessions.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-session={s.id} data-trainee={s.traineeId} data-outcome={s.outcome ?? 'unfinished'}>
              <td data-label={t('coach.sessions.date')}>{dateTimeText(s.startedAt, locale)}</td>
              <td data-label={t('coach.sessions.trainee')}>
                <RouteLink route={{ page: 'coach-trainee', traineeId: s.traineeId }}>{s.traineeName}</RouteLink>
              </td>
              <td data-label={t('coach.sessions.persona')}>
                <span>
                  <span lang={s.locale}>{s.personaName}</span>{' '}
                  <span className="tag tag--locale" lang={s.locale}>
                    {LOCALE_NAMES[s.locale]}
                  </span>
                </span>
              </td>
              <td data-label={t('coach.sessions.outcome')}>
                <span className={`coach-outcome coach-outcome--${s.outcome ?? 'unfinished'}`}>{t(`coach.outcome.${s.outcome ?? 'unfinished'}`)}</span>
              </td>
              <td data-label={t('coach.sessions.score')} className="coach-table__score">
                {s.overall ?? '—'}
              </td>
              <td className="coach-table__open">
                <RouteLink route={{ page: 'coach-replay', sessionId: s.id }} className="button button--small" data-testid="open-replay">
                  {t('coach.sessions.replay')}
                </RouteLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
