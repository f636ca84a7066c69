/**
 * The persona's own tests (`tests:` in its file), run by the server on the text in the
 * editor: how many passed, and for each its failures and the conversation as it went.
 */
import { useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import type { Locale, PersonaTestRun } from '../shared/contract.ts';
import { testFailureText } from './testFailureText.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { personaFiles } from './personaFilesApi.ts';

interface Props {
  /** Null while the text does not say which persona it is. */
  target: { id: string; locale: Locale } | null;
  text: string;
  disabled: boolean;
}

const round = (v: number) => Math.round(v * 10) / 10;

type RunState = { status: 'idle' } | { status: 'running' } | { status: 'done'; run: PersonaTestRun } | { status: 'failed'; error: { code: string; message: string } };

export function PersonaTests({ target, text, disabled }: Props) {
  const { t } = useI18n();
  const { signedIn, signOut } = useAuth();
  const [state, setState] = useState<RunState>({ status: 'idle' });

  async function run() {
    if (!signedIn || !target) return;
    setState({ status: 'running' });
    try {
      setState({ status: 'done', run: await personaFiles.runTests(signedIn.token, target.id, target.locale, text) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return signOut();
      setState({ status: 'failed', error: err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) } });
    }
  }

  return (
    <section className="card qa-tests" aria-labelledby="tests-title" data-testid="tests">
      <div className="qa-tests__head">
        <h2 id="tests-title">{t('qa.tests.title')}</h2>
        <button type="button" className="button button--small" onClick={run} disabled={disabled || !target || state.status === 'running'} data-testid="run-tests">
          {state.status === 'running' ? t('qa.tests.running') : t('qa.tests.run')}
        </button>
      </div>
      {state.status === 'idle' && <p className="muted">{t('qa.tests.intro')}</p>}
      {state.status === 'failed' && <p role="alert">{errorText(t, state.error)}</p>}
      {state.status === 'done' && (
        <>
          <p className={state.run.failed > 0 ? 'qa-tests__summary qa-tests__summary--failed' : 'qa-tests__summary'} data-testid="tests-summary" aria-live="polite">
            {state.run.results.length === 0 ? t('qa.tests.none') : t('qa.tests.summary', { passed: state.run.passed, failed: state.run.failed })}
          </p>
          <ul className="qa-tests__list">
            {state.run.results.map((r, i) => (
              <li key={i} className={r.passed ? 'qa-test qa-test--passed' : 'qa-test qa-test--failed'} data-passed={String(r.passed)}>
                <details open={!r.passed}>
                  <summary>
                    <span className="qa-test__mark">{r.passed ? t('qa.tests.passed') : t('qa.tests.failed')}</span> {r.test}
                  </summary>
                  {r.failureDetails.length > 0 && (
                    <ul className="qa-test__failures">
                      {r.failureDetails.map((f, j) => (
                        <li key={j}>{testFailureText(f, t)}</li>
                      ))}
                    </ul>
                  )}
                  <ol className="qa-test__transcript" lang={r.locale}>
                    {r.transcript.map((turn, j) => (
                      <li key={j} className={`qa-test__turn qa-test__turn--${turn.role}`}>
                        <span className="qa-test__who">{turn.role === 'customer' ? t('qa.tests.customer') : t('qa.tests.trainee')}</span>
                        <span>{turn.text}</span>
                        {turn.mood && (
                          <span className="qa-test__mood muted">
                            {t('qa.tests.mood', { anger: round(turn.mood.anger), trust: round(turn.mood.trust), confusion: round(turn.mood.confusion) })}
                          </span>
                        )}
                      </li>
                    ))}
                  </ol>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
