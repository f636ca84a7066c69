/**
 * The conversation with a customer. The session runs in useTrainingSession (resume on every
 * reconnection, replies kept while offline); this page lays it out: the messages and the
 * composer, the mood gauge and the hints (each can be turned off, and the choice is
 * remembered), the goals with the progress so far, and the end: the outcome and the way to
 * the scorecard.
 *
 * A session a coach assigned may come with settings that take those choices away (the mood
 * gauge hidden, hints forced on or off: sessionSettings.ts); a QA try-out always shows both,
 * since the point is to see what the persona and the scoring do.
 */
import { useState } from 'react';
import { api } from '../shared/api.ts';
import { ConnectionBanner } from '../shared/components/ConnectionBanner.tsx';
import { MoodGauge } from '../shared/components/MoodGauge.tsx';
import type { TurnScore } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { navigate, pathOf, type Route } from '../shared/router.ts';
import { useConnectionStatus, useSocket } from '../shared/SocketProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { usePreference } from '../shared/usePreference.ts';
import { ChatSwitches } from './ChatSwitches.tsx';
import { Composer } from './Composer.tsx';
import { GoalPanel } from './GoalPanel.tsx';
import { MessageList } from './MessageList.tsx';
import { canSend } from './sessionState.ts';
import { useSessionSettings, type SessionSettings } from './sessionSettings.ts';
import { useTrainingSession } from './useTrainingSession.ts';

/** A try-out shows everything, and no switch to hide it. */
const TRYOUT: SessionSettings = { hideMood: false, hints: 'on' };

interface Props {
  sessionId: string;
  /** A QA person trying a persona out: hints and mood always shown. */
  tryout?: boolean;
  /** Where the scorecard is; the trainee's by default. */
  scorecard?: Route;
}

export function ChatPage({ sessionId, tryout = false, scorecard = { page: 'scorecard', sessionId } }: Props) {
  const { t } = useI18n();
  const socket = useSocket();
  const status = useConnectionStatus(socket);
  const { state, send, end } = useTrainingSession(sessionId);
  const [hintsChoice, setShowHints] = usePreference('hints', true);
  const [moodChoice, setShowMood] = usePreference('moodGauge', true);
  const settings = useSessionSettings(sessionId, tryout ? TRYOUT : undefined);
  // Until the settings are known, nothing a coach may have hidden shows.
  const showHints = settings !== null && (settings.hints === 'trainee' ? hintsChoice : settings.hints === 'on');
  const showMood = settings !== null && !settings.hideMood && (tryout || moodChoice);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const { personaId, locale } = state;
  const persona = useApiData(personaId && locale ? (token) => api.persona(token, personaId, locale) : null, [personaId, locale]);

  if (state.loadError) return <p role="alert">{errorText(t, state.loadError)}</p>;
  if (!state.loaded || !locale) {
    return (
      <>
        <ConnectionBanner status={status} />
        <p className="muted">{t('chat.loading')}</p>
      </>
    );
  }

  const name = persona.status === 'ready' ? persona.data.name : '…';
  // Persona names read "陳先生：貸款核准兩週還沒撥款", "Ms Santos: loan repayment taken twice":
  // the part before the colon is who speaks.
  const speaker = name.split(/[：:]\s*/)[0] || name;
  const goals = persona.status === 'ready' ? persona.data.briefing.goals : [];
  const scored = state.turns.flatMap((turn): TurnScore[] => (turn.score ? [turn.score] : []));

  async function endNow() {
    setEnding(true);
    setEndError(null);
    const result = await end();
    if (result.ok) navigate(scorecard);
    else {
      setEnding(false);
      if (result.code !== 'ended') setEndError(errorText(t, result));
    }
  }

  return (
    <div className="chat">
      <ConnectionBanner status={status} resuming={state.resuming} />
      <div className="chat__bar">
        <h1 className="chat__title" lang={locale}>
          {name}
        </h1>
        <div className="chat__tools">
          {!tryout && settings && (
            <ChatSwitches settings={settings} hints={hintsChoice} mood={moodChoice} onHints={setShowHints} onMood={setShowMood} />
          )}
          {!state.ended && (
            <button type="button" className="button button--small" onClick={endNow} disabled={ending || status !== 'online'}>
              {ending ? t('chat.ending') : t('chat.end')}
            </button>
          )}
        </div>
      </div>
      <div className="chat__body">
        <div className="chat__conversation">
          <MessageList turns={state.turns} modelReadings={state.modelReadings} streaming={state.streaming} customerName={speaker} locale={locale} showHints={showHints} />
          {state.replyDelayed && <p className="notice">{t('chat.replyDelayed')}</p>}
          {state.refused && (
            <p className="form__error" role="alert">
              {t('chat.sayFailed', { message: errorText(t, state.refused) })}
            </p>
          )}
          {endError && (
            <p className="form__error" role="alert">
              {endError}
            </p>
          )}
          {state.ended ? (
            <div className="chat__ended" data-testid="chat-ended">
              <p>{t('chat.ended', { outcome: state.outcome ? t(`outcome.${state.outcome}`) : '…' })}</p>
              <a
                className="button button--primary"
                href={pathOf(scorecard)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(scorecard);
                }}
              >
                {t('chat.toScorecard')}
              </a>
            </div>
          ) : (
            <Composer enabled={canSend(state)} onSend={send} giveBack={state.refused?.text ?? null} />
          )}
        </div>
        <aside className="chat__side">
          {showMood && state.mood && (
            <section className="side-card side-card--mood" aria-labelledby="mood-title">
              <h2 id="mood-title">{t('mood.title')}</h2>
              <MoodGauge mood={state.mood} />
            </section>
          )}
          {settings?.hideMood && (
            <section className="side-card side-card--mood" aria-labelledby="mood-title" data-testid="mood-hidden">
              <h2 id="mood-title">{t('mood.title')}</h2>
              <p className="muted">{t('assigned.moodHidden')}</p>
            </section>
          )}
          {persona.status === 'ready' && goals.length > 0 && (
            <section className="side-card">
              <GoalPanel goals={goals} scenario={persona.data.scenario} scored={scored} />
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
