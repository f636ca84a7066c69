/**
 * The whole client: the interface language and the sign-in around everything, then the
 * page for the address. Signed out, every address shows the login (and comes back to the
 * address after it); signed in, the socket opens and the user's pages show. This slice
 * has the trainee's pages; coach/ and qa/ come beside trainee/.
 */
import { useEffect } from 'react';
import { AppShell } from './shared/AppShell.tsx';
import { AuthProvider, useAuth } from './shared/auth.tsx';
import { I18nProvider, useI18n } from './shared/i18n/I18nProvider.tsx';
import { navigate, useRoute } from './shared/router.ts';
import { SocketProvider } from './shared/SocketProvider.tsx';
import { LoginPage } from './trainee/LoginPage.tsx';
import { TraineeApp } from './trainee/TraineeApp.tsx';

function Pages() {
  const { t } = useI18n();
  const { signedIn, signOut } = useAuth();
  const route = useRoute();

  useEffect(() => {
    if (signedIn && route.page === 'login') navigate({ page: 'personas' }, { replace: true });
  }, [signedIn, route.page]);

  if (!signedIn) {
    return (
      <AppShell>
        <LoginPage />
      </AppShell>
    );
  }
  if (signedIn.user.role !== 'trainee') {
    return (
      <AppShell>
        <p className="card">{t('role.notTrainee', { role: signedIn.user.role })}</p>
      </AppShell>
    );
  }
  return (
    <SocketProvider token={signedIn.token} onUnauthorized={signOut}>
      <AppShell wide={route.page === 'chat' || route.page === 'scorecard'}>
        <TraineeApp route={route} />
      </AppShell>
    </SocketProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Pages />
      </AuthProvider>
    </I18nProvider>
  );
}
