/**
 * The assignments, newest first: the persona and language, the due date (marked when it has
 * passed with work still open), what the coach required, the note, and each trainee's
 * status, with a link to the session they completed.
 */
import type { AssignmentView } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { dateTimeText } from './dateText.ts';
import { RouteLink } from '../shared/RouteLink.tsx';

export function AssignmentList({ assignments }: { assignments: readonly AssignmentView[] }) {
  const { t, locale } = useI18n();
  if (assignments.length === 0) return <p className="card">{t('coach.assign.none')}</p>;
  return (
    <ul className="coach-assignments" data-testid="assignment-list">
      {assignments.map((a) => (
        <li key={a.id} className={`card coach-assignment${a.overdue ? ' coach-assignment--overdue' : ''}`} data-assignment={a.id} data-overdue={a.overdue}>
          <div className="coach-assignment__head">
            <h3 lang={a.locale}>{a.personaName}</h3>
            <span className="tag tag--locale" lang={a.locale}>
              {LOCALE_NAMES[a.locale]}
            </span>
            {a.overdue && <span className="coach-badge coach-badge--overdue">{t('coach.assign.overdue')}</span>}
          </div>
          <p className="muted">
            {t('coach.assign.dueAt', { time: dateTimeText(a.dueAt, locale) })}
            {' · '}
            {t(`coach.assign.hintsSetting.${a.hints}`)}
            {a.hideMood && ` · ${t('coach.assign.moodHidden')}`}
          </p>
          {a.note && <p className="coach-assignment__note">{a.note}</p>}
          <table className="coach-table coach-table--compact">
            <caption className="visually-hidden">{t('coach.assign.statusCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coach.sessions.trainee')}</th>
                <th scope="col">{t('coach.assign.status')}</th>
                <th scope="col">{t('coach.assign.session')}</th>
              </tr>
            </thead>
            <tbody>
              {a.trainees.map((tr) => (
                <tr key={tr.traineeId} data-trainee={tr.traineeId} data-status={tr.status}>
                  <td data-label={t('coach.sessions.trainee')}>
                    <RouteLink route={{ page: 'coach-trainee', traineeId: tr.traineeId }}>{tr.traineeName}</RouteLink>
                  </td>
                  <td data-label={t('coach.assign.status')}>
                    <span className={`coach-status coach-status--${tr.status}`} data-testid="assignment-status">
                      {t(`coach.assign.status.${tr.status}`)}
                    </span>
                  </td>
                  <td data-label={t('coach.assign.session')}>
                    {tr.sessionId ? (
                      <RouteLink route={{ page: 'coach-replay', sessionId: tr.sessionId }}>
                        {tr.status === 'completed' && tr.completedAt
                          ? t('coach.assign.completedAt', { time: dateTimeText(tr.completedAt, locale), score: tr.overall ?? '—' })
                          : t('coach.assign.openSession')}
                      </RouteLink>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
