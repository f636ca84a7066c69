/**
 * A trainee's progress (`/coach/trainees/:id`): each criterion over their ended sessions
 * (overrides applied), then each session, newest first, with its three coaching suggestions.
 */
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { coachApi } from './coachApi.ts';
import { CoachingSuggestions } from './CoachingSuggestions.tsx';
import { dateTimeText } from './dateText.ts';
import { ProgressChart } from './ProgressChart.tsx';
import { RouteLink } from '../shared/RouteLink.tsx';

export function TraineeProgressPage({ traineeId }: { traineeId: string }) {
  const { t, locale } = useI18n();
  const progress = useApiData((token) => coachApi.progress(token, traineeId), [traineeId]);
  if (progress.status === 'loading') return <p className="muted">{t('coach.progress.loading')}</p>;
  if (progress.status === 'failed') return <p role="alert">{errorText(t, progress.error)}</p>;
  const { trainee, sessions } = progress.data;

  return (
    <section className="coach-progress" aria-labelledby="coach-progress-title" data-testid="trainee-progress">
      <p className="eyebrow">{t('coach.progress.title')}</p>
      <h1 id="coach-progress-title">{trainee.username}</h1>
      {sessions.length === 0 ? (
        <p className="card">{t('coach.progress.none')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="coach-progress-chart-title">
            <h2 id="coach-progress-chart-title">{t('coach.progress.chart')}</h2>
            <ProgressChart sessions={sessions} />
          </section>
          <h2 className="coach-progress__sessions-title">{t('coach.progress.sessions')}</h2>
          <ol className="coach-progress__sessions" reversed>
            {[...sessions].reverse().map((s) => (
              <li key={s.sessionId} className="card" data-session={s.sessionId}>
                <div className="coach-progress__session-head">
                  <h3>
                    <RouteLink route={{ page: 'coach-replay', sessionId: s.sessionId }}>
                      <span lang={s.locale}>{s.personaName}</span>
                    </RouteLink>
                  </h3>
                  <span className="muted">{dateTimeText(s.endedAt, locale)}</span>
                  <span className={`coach-outcome coach-outcome--${s.outcome ?? 'unfinished'}`}>{t(`coach.outcome.${s.outcome ?? 'unfinished'}`)}</span>
                  <span className="coach-progress__overall">{t('coach.progress.overall', { score: s.overall })}</span>
                </div>
                <CoachingSuggestions coaching={s.coaching} locale={s.locale} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
