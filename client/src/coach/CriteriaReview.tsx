/**
 * The session's criteria, the engine's score beside the coach's: the latest override with
 * its reason, author and time. Each criterion can be overridden again; the engine's score
 * is never changed, and both stay on the page.
 */
import { useState } from 'react';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import type { CriterionId } from '../shared/contract.ts';
import type { ReviewedSession } from './coachApi.ts';
import { dateTimeText } from './dateText.ts';
import { OverrideForm } from './OverrideForm.tsx';
import { criterionLines } from './replaySteps.ts';

/** `faulty`: the session has a conduct fault, so conduct comes first. */
export function CriteriaReview({ session, faulty, onSaved }: { session: ReviewedSession; faulty: boolean; onSaved(): void }) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState<CriterionId | null>(null);
  return (
    <section className="card coach-criteria" aria-labelledby="coach-criteria-title" data-testid="criteria-review">
      <h2 id="coach-criteria-title">{t('coach.criteria.title')}</h2>
      <p className="muted">{t('coach.criteria.intro')}</p>
      <ul className="coach-criteria__list">
        {criterionLines(session, faulty).map((line) => (
          <li key={line.criterion} data-criterion={line.criterion} className="coach-criterion">
            <div className="coach-criterion__row">
              <span className="coach-criterion__name">{t(`criterion.${line.criterion}`)}</span>
              <span className="coach-criterion__score" data-testid="engine-score">
                <span className="coach-criterion__label">{t('coach.criteria.engine')}</span> {Math.round(line.engine)}
              </span>
              <span className={`coach-criterion__score${line.coach ? ' coach-criterion__score--coach' : ''}`} data-testid="coach-score">
                <span className="coach-criterion__label">{t('coach.criteria.coach')}</span> {line.coach ? line.coach.score : '—'}
              </span>
            </div>
            {line.coach && (
              <p className="coach-criterion__reason" data-testid="override-reason">
                <span>{line.coach.reason}</span>
                <span className="muted">
                  {' — '}
                  {t('coach.criteria.by', { name: line.author ?? line.coach.by, time: dateTimeText(line.coach.at, locale) })}
                  {line.overrides > 1 && ` · ${t('coach.criteria.times', { count: line.overrides })}`}
                </span>
              </p>
            )}
            {editing === line.criterion ? (
              <OverrideForm
                sessionId={session.id}
                criterion={line.criterion}
                initial={line.coach?.score ?? line.engine}
                onCancel={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  onSaved();
                }}
              />
            ) : (
              <button type="button" className="button button--small button--quiet coach-criterion__edit" onClick={() => setEditing(line.criterion)} data-testid="override-open">
                {line.coach ? t('coach.criteria.changeOverride') : t('coach.criteria.override')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
