/**
 * Before the conversation: who the customer is and what the trainee knows, the situation,
 * the goals they will be scored on, the call's own steps, each with what it asks ("verify
 * the borrower before discussing the account"; none for a call without a process), then
 * what this customer asks beyond them (in the persona's language). "Start" opens the session (`session:start`) and
 * goes to the chat. LLM mode is asked for; a server without an LLM answers scripted.
 * Practice a coach assigned carries the assignment's id: the server links the session to it
 * and answers with the coach's settings, kept for the chat page.
 */
import { useState } from 'react';
import { api } from '../shared/api.ts';
import type { Locale } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { navigate } from '../shared/router.ts';
import { request } from '../shared/socket.ts';
import { useSocket } from '../shared/SocketProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { useSignals } from '../shared/useSignals.ts';
import { GoalList } from './GoalList.tsx';
import { ProcessGoals } from './ProcessGoals.tsx';
import { rememberSessionSettings } from './sessionSettings.ts';

export function Briefing({ personaId, locale, assignmentId }: { personaId: string; locale: Locale; assignmentId?: string }) {
  const { t } = useI18n();
  const socket = useSocket();
  const signals = useSignals();
  const persona = useApiData((token) => api.persona(token, personaId, locale), [personaId, locale]);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (persona.status === 'loading') return <p className="muted">{t('briefing.loading')}</p>;
  if (persona.status === 'failed') return <p role="alert">{errorText(t, persona.error)}</p>;
  const p = persona.data;
  const process = signals.process(p.scenario);

  async function start() {
    setStarting(true);
    setError(null);
    const answer = await request(socket, 'session:start', { personaId, locale, mode: 'llm', ...(assignmentId ? { assignmentId } : {}) });
    if (answer.ok) {
      if (answer.settings) rememberSessionSettings(answer.sessionId, answer.settings);
      navigate({ page: 'chat', sessionId: answer.sessionId });
      return;
    }
    setError(errorText(t, answer.error));
    setStarting(false);
  }

  return (
    <article className="briefing" aria-labelledby="briefing-title">
      <p>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'personas' });
          }}
        >
          {t('briefing.back')}
        </a>
      </p>
      <p className="eyebrow">{assignmentId ? t('assigned.briefing') : t('briefing.title')}</p>
      <h1 id="briefing-title" lang={p.locale}>
        {p.name}
      </h1>
      <p className="tags">
        <span className="tag">{t(`scenario.${p.scenario}`)}</span>
        <span className={`tag tag--${p.difficulty}`}>{t(`difficulty.${p.difficulty}`)}</span>
        <span className="tag tag--locale" lang={p.locale}>
          {LOCALE_NAMES[p.locale]}
        </span>
      </p>
      <div className="briefing__grid">
        <section className="card">
          <h2>{t('briefing.known')}</h2>
          <p lang={p.locale} className="persona-text">
            {p.summary}
          </p>
        </section>
        <section className="card">
          <h2>{t('briefing.situation')}</h2>
          <p lang={p.locale} className="persona-text">
            {p.briefing.situation}
          </p>
        </section>
        <section className="card briefing__goals">
          <h2>{t('briefing.goals')}</h2>
          <GoalList goals={process ? p.briefing.goals : p.briefing.goals.filter((g) => g !== 'complaint_process')} />
          {process && <ProcessGoals process={process} />}
          {p.briefing.own_goals.length > 0 && (
            <>
              <h3>{t('briefing.ownGoals')}</h3>
              <ul className="goal-list goal-list--own" data-testid="own-goals">
                {p.briefing.own_goals.map((goal) => (
                  <li key={goal} lang={p.locale}>
                    {goal}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <div className="briefing__start">
        <p className="muted">
          {t('briefing.language', { language: LOCALE_NAMES[p.locale] })} {t('briefing.keys')}
        </p>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="button button--primary button--large" onClick={start} disabled={starting}>
          {starting ? t('briefing.starting') : t('briefing.start')}
        </button>
      </div>
    </article>
  );
}
