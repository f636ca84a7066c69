/**
 * Changing one's own password (`POST /api/password`), for every role. `required`: the
 * account must change it before anything else (the generated first admin's password, an
 * admin's reset), and this is the only page it sees. On success every other sign-in of the
 * user ends; this one carries on (the answer sets a fresh cookie), and the user's home shows.
 * The policy is the server's (12 characters or more, not the username, not a common
 * password): its message, naming the field, shows beside the form.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import { errorText } from './errorText.ts';
import { useI18n } from './i18n/I18nProvider.tsx';
import { homeRoute, navigate } from './router.ts';

export function PasswordPage({ required }: { required: boolean }) {
  const { t } = useI18n();
  const { signedIn, updateUser } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeated) return setError(t('password.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeated('');
      if (signedIn) {
        updateUser({ ...signedIn.user, mustChangePassword: false });
        if (required) navigate(homeRoute(signedIn.user.role), { replace: true });
      }
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      setError(apiError.code === 'bad_request' ? t('password.refused', { reason: apiError.message }) : errorText(t, apiError));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="login card" aria-labelledby="password-title">
      <h1 id="password-title">{t('password.title')}</h1>
      <p className="muted">{required ? t('password.required') : t('password.intro')}</p>
      <form onSubmit={submit} className="form">
        <label className="field">
          <span>{t('password.current')}</span>
          <input name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.new')}</span>
          <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.repeat')}</span>
          <input name="repeatPassword" type="password" autoComplete="new-password" required value={repeated} onChange={(e) => setRepeated(e.target.value)} />
        </label>
        <p className="muted">{t('password.rules')}</p>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        {done && !required && (
          <p className="notice" role="status">
            {t('password.done')}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('password.submitting') : t('password.submit')}
        </button>
      </form>
    </section>
  );
}
