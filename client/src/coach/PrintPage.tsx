/**
 * A session's one-page report for paper or PDF (`/coach/sessions/:id/print`): who, which
 * persona and version, when and how it ended (and why a failed session failed); the conduct
 * faults first, then each criterion's engine and coach score; the call's own process steps;
 * the best and the weakest reply with their evidence; the coaching suggestions; the comments. coach.css hides the app's frame and these controls in print.
 */
import { EvidenceText } from '../shared/components/EvidenceText.tsx';
import { processView } from '../shared/callProcess.ts';
import { conductFaults } from '../shared/conductFaults.ts';
import type { TurnScore } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { useApiData } from '../shared/useApiData.ts';
import { useSignals } from '../shared/useSignals.ts';
import { ConductFaultList } from '../trainee/ConductFaultList.tsx';
import { FailedVerdict } from '../trainee/FailedVerdict.tsx';
import { bestAndWeakest, replyScore } from '../trainee/bestReply.ts';
import { StepChecklist } from '../trainee/StepChecklist.tsx';
import { coachApi, type ReviewedSession } from './coachApi.ts';
import { CoachingSuggestions } from './CoachingSuggestions.tsx';
import { dateTimeText } from './dateText.ts';
import { criterionLines, evidenceOf, replyNumbers } from './replaySteps.ts';
import { RouteLink } from '../shared/RouteLink.tsx';

function Reply({ kind, score, session }: { kind: 'best' | 'weakest'; score: TurnScore; session: ReviewedSession }) {
  const { t } = useI18n();
  const text = session.turns.find((turn) => turn.index === score.index)?.text ?? '';
  return (
    <div className={`coach-print__reply coach-print__reply--${kind}`} data-testid={`print-${kind}`}>
      <h3>
        {kind === 'best' ? t('coach.print.best') : t('coach.print.weakest')}{' '}
        <span className="muted">{t('coach.print.replyScore', { n: replyNumbers(session.turns).get(score.index) ?? '?', score: replyScore(score) })}</span>
      </h3>
      <blockquote lang={session.locale}>
        <EvidenceText text={text} evidence={evidenceOf(score)} />
      </blockquote>
    </div>
  );
}

export function PrintPage({ sessionId }: { sessionId: string }) {
  const { t, locale: uiLocale } = useI18n();
  const signals = useSignals();
  const loaded = useApiData((token) => coachApi.session(token, sessionId), [sessionId]);
  if (loaded.status === 'loading') return <p className="muted">{t('coach.replay.loading')}</p>;
  if (loaded.status === 'failed') return <p role="alert">{errorText(t, loaded.error)}</p>;
  const session = loaded.data;
  const { best, weakest } = bestAndWeakest(session.report, signals.isFault);
  const faults = conductFaults(session.report.turns, signals.isFault);
  const steps = processView(session.report, signals.process);
  const comments = [...session.comments].sort((a, b) => a.turnIndex - b.turnIndex || a.at.localeCompare(b.at));

  return (
    <article className="coach-print" data-testid="print-report">
      <p className="coach-print__controls">
        <RouteLink route={{ page: 'coach-replay', sessionId }} className="button button--small button--quiet">
          {t('coach.print.back')}
        </RouteLink>
        <button type="button" className="button button--primary button--small" onClick={() => window.print()} data-testid="print-button">
          {t('coach.print.print')}
        </button>
      </p>

      <header className="coach-print__head">
        <div>
          <p className="eyebrow">{t('coach.print.title')}</p>
          <h1 lang={session.locale}>{session.personaName}</h1>
          <p>
            {t('coach.print.trainee', { name: session.traineeName })} · {t('coach.replay.version', { version: session.personaVersion })} ·{' '}
            <span lang={session.locale}>{LOCALE_NAMES[session.locale]}</span>
          </p>
          <p>
            {dateTimeText(session.startedAt, uiLocale)} · {t('coach.replay.outcome')} {t(`coach.outcome.${session.outcome ?? 'unfinished'}`)}
          </p>
          <FailedVerdict report={session.report} />
        </div>
        <div className="overall">
          <span className="overall__number">{session.report.summary.overall}</span>
          <span className="overall__label">{t('coach.replay.overall')}</span>
        </div>
      </header>

      <ConductFaultList faults={faults} locale={session.locale} />

      <div className="coach-print__grid">
        <section>
          <h2>{t('coach.criteria.title')}</h2>
          <table className="coach-print__table" data-testid="print-criteria">
            <thead>
              <tr>
                <th scope="col">{t('coach.print.criterion')}</th>
                <th scope="col">{t('coach.criteria.engine')}</th>
                <th scope="col">{t('coach.criteria.coach')}</th>
              </tr>
            </thead>
            <tbody>
              {criterionLines(session, faults.length > 0).map((line) => (
                <tr key={line.criterion} data-criterion={line.criterion}>
                  <th scope="row">{t(`criterion.${line.criterion}`)}</th>
                  <td>{Math.round(line.engine)}</td>
                  <td>
                    {line.coach ? (
                      <>
                        <strong>{line.coach.score}</strong> <span className="coach-print__reason">{line.coach.reason}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {steps && (
          <section>
            <h2>{t('coach.print.steps')}</h2>
            <StepChecklist view={steps} />
          </section>
        )}
      </div>

      {(best || weakest) && (
        <section>
          <h2>{t('coach.print.replies')}</h2>
          {best && <Reply kind="best" score={best} session={session} />}
          {weakest && <Reply kind="weakest" score={weakest} session={session} />}
        </section>
      )}

      {session.coaching && (
        <section>
          <h2>{t('coach.coaching.title')}</h2>
          <CoachingSuggestions coaching={session.coaching} locale={session.locale} />
        </section>
      )}

      <section>
        <h2>{t('coach.print.comments')}</h2>
        {comments.length === 0 ? (
          <p className="muted">{t('coach.print.noComments')}</p>
        ) : (
          <ul className="coach-print__comments">
            {comments.map((c) => (
              <li key={c.id}>
                <strong>{t('coach.print.turn', { n: c.turnIndex + 1 })}</strong> {c.text}{' '}
                <span className="muted">— {t('coach.comments.by', { name: c.authorName, time: dateTimeText(c.at, uiLocale) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
