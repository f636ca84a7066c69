/**
 * Around an area's pages while they load: "Loading…" until the pages and their text are in
 * (lazyArea.ts), and a way to reload if they could not be fetched (the connection dropped,
 * or a new version was deployed and the old files are gone).
 */
import { Component, Suspense, type ReactNode } from 'react';
import { useI18n } from './i18n/I18nProvider.tsx';

function Loading() {
  const { t } = useI18n();
  return <p className="muted">{t('app.loading')}</p>;
}

function LoadFailed() {
  const { t } = useI18n();
  return (
    <p role="alert">
      {t('app.loadFailed')}{' '}
      <button type="button" className="button button--small" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </p>
  );
}

class LoadError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

export function AreaBoundary({ children }: { children: ReactNode }) {
  return (
    <LoadError>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </LoadError>
  );
}
