/**
 * "Try it out": a conversation with the persona's latest saved version, started over the
 * socket like a trainee's (`session:start`); the server marks a QA person's session a
 * try-out and keeps it out of coaches' lists and trainees' progress.
 */
import { useState } from 'react';
import type { Locale } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { navigate } from '../shared/router.ts';
import { request } from '../shared/socket.ts';
import { useSocket } from '../shared/SocketProvider.tsx';

export function TryOutButton({ id, locale, disabled }: { id: string; locale: Locale; disabled: boolean }) {
  const { t } = useI18n();
  const socket = useSocket();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setStarting(true);
    setError(null);
    const answer = await request(socket, 'session:start', { personaId: id, locale, mode: 'llm' });
    if (answer.ok) return navigate({ page: 'qa-tryout', sessionId: answer.sessionId });
    setError(errorText(t, answer.error));
    setStarting(false);
  }

  return (
    <>
      <button type="button" className="button" onClick={start} disabled={disabled || starting} data-testid="try-out">
        {starting ? t('qa.tryout.starting') : t('qa.tryout.start')}
      </button>
      {error && (
        <span className="form__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
