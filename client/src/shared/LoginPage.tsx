/** Sign in with a username and password (`POST /api/login`); wrong ones say so, plainly. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import { errorText } from './errorText.ts';
import { useI18n } from './i18n/I18nProvider.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn, endedByServer } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The page asked for shows next (App.tsx sends /login on to the customers).
      signIn(await api.login(username.trim(), password));
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      setError(
        apiError.code === 'unauthorized'
          ? t('login.unauthorized')
          : apiError.code === 'too_many_attempts'
            ? t('login.tooManyAttempts')
            : errorText(t, apiError),
      );
      setBusy(false);
    }
  }

  return (
    <section className="login card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="muted">{t('login.intro')}</p>
      {endedByServer && (
        <p className="notice" role="status">
          {t('login.signedOut')}
        </p>
      )}
      <form onSubmit={submit} className="form">
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
