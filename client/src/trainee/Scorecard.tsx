/**
 * After the conversation (`GET /api/sessions/:id`): the overall score and outcome, and when
 * the session failed, the one sentence saying why; the conduct faults first, then each
 * criterion, the call's own process steps in the order they happened (none for a call
 * without a process), the best and the weakest reply with their evidence highlighted, and
 * the customer's mood over the turns.
 */
import type { ReactNode } from 'react';
import { api } from '../shared/api.ts';
import { processView } from '../shared/callProcess.ts';
import { conductFaults } from '../shared/conductFaults.ts';
import { MoodChart } from '../shared/components/MoodChart.tsx';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { navigate, pathOf, type Route } from '../shared/router.ts';
import { useApiData } from '../shared/useApiData.ts';
import { useSignals } from '../shared/useSignals.ts';
import { ConductFaultList } from './ConductFaultList.tsx';
import { CriteriaBars } from './CriteriaBars.tsx';
import { FailedVerdict } from './FailedVerdict.tsx';
import { ReplyHighlight } from './ReplyHighlight.tsx';
import { bestAndWeakest } from './bestReply.ts';
import { moodPoints } from './reportHighlights.ts';
import { StepChecklist } from './StepChecklist.tsx';
import { RouteLink } from '../shared/RouteLink.tsx';


/** `actions`: the ways on from the scorecard, when not the trainee's (a QA try-out goes back to its persona). */
export function Scorecard({ sessionId, actions }: { sessionId: string; actions?: ReactNode }) {
  const { t } = useI18n();
  const signals = useSignals();
  const session = useApiData((token) => api.session(token, sessionId), [sessionId]);
  const view = session.status === 'ready' ? session.data : null;
  const persona = useApiData(view ? (token) => api.persona(token, view.personaId, view.locale) : null, [view?.personaId, view?.locale]);

  if (session.status === 'loading') return <p className="muted">{t('scorecard.loading')}</p>;
  if (session.status === 'failed') return <p role="alert">{errorText(t, session.error)}</p>;
  const { report, turns, locale, outcome } = session.data;
  const { best, weakest } = bestAndWeakest(report, signals.isFault);
  const faults = conductFaults(report.turns, signals.isFault);
  const steps = processView(report, signals.process);
  const textOf = (index: number) => turns.find((turn) => turn.index === index)?.text ?? '';
  const replyNumber = (index: number) => report.turns.findIndex((turn) => turn.index === index) + 1;
  const { listening } = report.summary;

  return (
    <article className="scorecard" aria-labelledby="scorecard-title" data-testid="scorecard">
      <header className="scorecard__head">
        <div>
          <p className="eyebrow">{t('scorecard.title')}</p>
          <h1 id="scorecard-title" lang={locale}>
            {persona.status === 'ready' ? persona.data.name : '…'}
          </h1>
          {outcome && <p>{t('scorecard.outcome', { outcome: t(`outcome.${outcome}`) })}</p>}
          <FailedVerdict report={report} />
        </div>
        <div className="overall" data-testid="overall">
          <span className="overall__number">{report.summary.overall}</span>
          <span className="overall__label">{t('scorecard.overall')}</span>
        </div>
      </header>

      <ConductFaultList faults={faults} locale={locale} />

      <div className="scorecard__grid">
        <section className="card" aria-labelledby="criteria-title">
          <h2 id="criteria-title">{t('scorecard.criteria')}</h2>
          <CriteriaBars criteria={report.summary.criteria} conductFirst={faults.length > 0} />
          <p className="muted">
            {t('scorecard.listening', { reflections: listening.reflections, open: listening.open_questions, closed: listening.closed_questions })}
          </p>
        </section>
        {steps && (
          <section className="card" aria-labelledby="steps-title">
            <h2 id="steps-title">{t('scorecard.steps')}</h2>
            <StepChecklist view={steps} />
          </section>
        )}
      </div>

      {best || weakest ? (
        <div className="scorecard__replies">
          {best && <ReplyHighlight kind="best" score={best} text={textOf(best.index)} replyNumber={replyNumber(best.index)} locale={locale} />}
          {weakest && (
            <ReplyHighlight kind="weakest" score={weakest} text={textOf(weakest.index)} replyNumber={replyNumber(weakest.index)} locale={locale} />
          )}
          <p className="muted scorecard__note">{t('scorecard.highlightNote')}</p>
        </div>
      ) : (
        <p>{t('scorecard.noReplies')}</p>
      )}

      <section className="card" aria-labelledby="mood-chart-title">
        <h2 id="mood-chart-title">{t('scorecard.moodChart')}</h2>
        <MoodChart points={moodPoints(turns)} />
      </section>

      <p className="scorecard__actions">
        {actions ?? (
          <>
            {persona.status === 'ready' && (
              <RouteLink className="button button--primary" route={{ page: 'briefing', personaId: persona.data.id, locale }}>
                {t('scorecard.again')}
              </RouteLink>
            )}
            <RouteLink className="button" route={{ page: 'personas' }}>
              {t('scorecard.other')}
            </RouteLink>
          </>
        )}
      </p>
    </article>
  );
}
