/**
 * Says so while the connection is down or being caught up, and nothing while all is well.
 * A live region, so a screen reader hears it too.
 */
import type { ConnectionStatus } from '../SocketProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function ConnectionBanner({ status, resuming = false }: { status: ConnectionStatus; resuming?: boolean }) {
  const { t } = useI18n();
  const message =
    status === 'offline' ? t('connection.offline') : status === 'connecting' ? t('connection.connecting') : resuming ? t('connection.resuming') : null;
  return (
    <div className="connection-banner" role="status" aria-live="polite" data-state={message ? status : 'online'} data-testid="connection-banner">
      {message && <p className={`connection-banner__message connection-banner__message--${status}`}>{message}</p>}
    </div>
  );
}
