/**
 * A session as a coach replays it (`/coach/sessions/:id`): who played which persona (and
 * the persona's version then), the outcome (and why a failed session failed), the transcript
 * turn by turn with each reply's scores, signals and evidence, a step-through that moves a
 * marker along the mood chart, comments per turn, the conduct faults before the engine's and
 * the coach's score per criterion, the call's own process steps, the coaching suggestions,
 * and the exports.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { processView } from '../shared/callProcess.ts';
import { conductFaults } from '../shared/conductFaults.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { ConductFaultList } from '../trainee/ConductFaultList.tsx';
import { FailedVerdict } from '../trainee/FailedVerdict.tsx';
import { moodPoints } from '../trainee/reportHighlights.ts';
import { StepChecklist } from '../trainee/StepChecklist.tsx';
import { coachApi } from './coachApi.ts';
import { CoachingSuggestions } from './CoachingSuggestions.tsx';
import { CriteriaReview } from './CriteriaReview.tsx';
import { dateTimeText } from './dateText.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ReplayMoodChart } from './ReplayMoodChart.tsx';
import { commentsByTurn, repliesUpTo, replyNumbers, stepTo } from './replaySteps.ts';
import { RouteLink } from '../shared/RouteLink.tsx';
import { StepControls, type Move } from './StepControls.tsx';
import { TranscriptTurn } from './TranscriptTurn.tsx';
import { useReloadableApiData } from '../shared/useApiData.ts';
import { useSignals } from '../shared/useSignals.ts';

export function ReplayPage({ sessionId }: { sessionId: string }) {
  const { t, locale: uiLocale } = useI18n();
  const signals = useSignals();
  const { loaded, reload } = useReloadableApiData((token) => coachApi.session(token, sessionId), [sessionId]);
  const [position, setPosition] = useState(0);
  const [moved, setMoved] = useState(false);
  const turnRefs = useRef(new Map<number, HTMLLIElement>());
  const count = loaded.status === 'ready' ? loaded.data.turns.length : 0;

  const move = useCallback(
    (m: Move) => {
      setMoved(true);
      setPosition((p) => stepTo(p, m, count));
    },
    [count],
  );

  // The turn reached is brought into view; not on arrival, so the page opens at its top.
  useEffect(() => {
    if (!moved) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    turnRefs.current.get(position)?.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }, [position, moved]);

  if (loaded.status === 'loading') return <p className="muted">{t('coach.replay.loading')}</p>;
  if (loaded.status === 'failed') return <p role="alert">{errorText(t, loaded.error)}</p>;
  const session = loaded.data;
  const { locale } = session;
  const numbers = replyNumbers(session.turns);
  const comments = commentsByTurn(session.comments);
  const faults = conductFaults(session.report.turns, signals.isFault);
  const steps = processView(session.report, signals.process);

  return (
    <article className="coach-replay" aria-labelledby="coach-replay-title" data-testid="replay">
      <header className="coach-replay__head">
        <div>
          <p className="eyebrow">{t('coach.replay.title')}</p>
          <h1 id="coach-replay-title" lang={locale}>
            {session.personaName}
          </h1>
          <p className="coach-replay__meta">
            <span className="tag" data-testid="persona-version">
              {t('coach.replay.version', { version: session.personaVersion })}
            </span>
            <span className="tag tag--locale" lang={locale}>
              {LOCALE_NAMES[locale]}
            </span>
            <span className="tag tag--locale">{t(`coach.mode.${session.mode}`)}</span>
          </p>
          <p>
            {t('coach.replay.playedBy')}{' '}
            <RouteLink route={{ page: 'coach-trainee', traineeId: session.traineeId }} data-testid="trainee-link">
              {session.traineeName}
            </RouteLink>{' '}
            · {dateTimeText(session.startedAt, uiLocale)}
          </p>
          <p data-testid="replay-outcome">
            {t('coach.replay.outcome')}{' '}
            <span className={`coach-outcome coach-outcome--${session.outcome ?? 'unfinished'}`}>{t(`coach.outcome.${session.outcome ?? 'unfinished'}`)}</span>
          </p>
          <FailedVerdict report={session.report} />
        </div>
        <div className="coach-replay__side-head">
          <div className="overall" data-testid="overall">
            <span className="overall__number">{session.report.summary.overall}</span>
            <span className="overall__label">{t('coach.replay.overall')}</span>
          </div>
          <ExportButtons sessionId={session.id} />
        </div>
      </header>

      <div className="coach-replay__layout">
        <section className="coach-replay__transcript" aria-labelledby="coach-transcript-title">
          <h2 id="coach-transcript-title" className="visually-hidden">
            {t('coach.replay.transcript')}
          </h2>
          <StepControls position={position} count={session.turns.length} onMove={move} />
          <ol className="coach-turns">
            {session.turns.map((turn, i) => (
              <TranscriptTurn
                key={turn.index}
                ref={(el) => {
                  if (el) turnRefs.current.set(i, el);
                  else turnRefs.current.delete(i);
                }}
                sessionId={session.id}
                turn={turn}
                replyNumber={numbers.get(turn.index) ?? null}
                speaker={turn.role === 'customer' ? session.personaName : session.traineeName}
                locale={locale}
                current={i === position}
                comments={comments.get(turn.index) ?? []}
                onSelect={() => {
                  setMoved(true);
                  setPosition(i);
                }}
                onCommentAdded={reload}
              />
            ))}
          </ol>
        </section>

        <aside className="coach-replay__side">
          <ConductFaultList faults={faults} locale={locale} />
          <CriteriaReview session={session} faulty={faults.length > 0} onSaved={reload} />
          {steps && (
            <section className="card" aria-labelledby="coach-steps-title" data-testid="replay-steps">
              <h2 id="coach-steps-title">{t('coach.print.steps')}</h2>
              <StepChecklist view={steps} />
            </section>
          )}
          <section className="card" aria-labelledby="coach-coaching-title">
            <h2 id="coach-coaching-title">{t('coach.coaching.title')}</h2>
            {session.coaching ? <CoachingSuggestions coaching={session.coaching} locale={locale} /> : <p className="muted">{t('coach.coaching.notYet')}</p>}
          </section>
          {/* Last, so it can stay in view beside the transcript while the coach steps down it. */}
          <section className="card coach-replay__mood" aria-labelledby="coach-mood-title">
            <h2 id="coach-mood-title">{t('coach.replay.mood')}</h2>
            <ReplayMoodChart points={moodPoints(session.turns)} reply={repliesUpTo(session.turns, position)} />
          </section>
        </aside>
      </div>
    </article>
  );
}
