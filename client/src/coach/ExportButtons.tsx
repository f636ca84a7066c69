/** The replay's ways out: the session as JSON or CSV (downloaded with the token), and the printable report. */
import { useState } from 'react';
import { ApiError } from '../shared/api.ts';
import { useAuth } from '../shared/auth.tsx';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { downloadExport, type ExportFormat } from './downloadExport.ts';
import { RouteLink } from '../shared/RouteLink.tsx';

export function ExportButtons({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { signedIn, signOut } = useAuth();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  async function download(format: ExportFormat) {
    if (!signedIn) return;
    setBusy(format);
    setError(null);
    try {
      await downloadExport(sessionId, format);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) signOut();
      else setError(err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="coach-exports" data-testid="exports">
      <button type="button" className="button button--small" onClick={() => void download('json')} disabled={busy !== null} data-testid="export-json">
        {busy === 'json' ? t('coach.export.preparing') : t('coach.export.json')}
      </button>
      <button type="button" className="button button--small" onClick={() => void download('csv')} disabled={busy !== null} data-testid="export-csv">
        {busy === 'csv' ? t('coach.export.preparing') : t('coach.export.csv')}
      </button>
      <RouteLink route={{ page: 'coach-print', sessionId }} className="button button--small" data-testid="open-print">
        {t('coach.export.print')}
      </RouteLink>
      {error && (
        <p className="form__error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}
