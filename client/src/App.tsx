/**
 * The whole client: the interface language and the sign-in around everything, then the
 * page for the address. Signed out, every address shows the login (and comes back to the
 * address after it); signed in, the socket opens and the pages of the user's role show:
 * trainee/ for trainees, coach/ for coaches and admins, qa/ for QA. An address of another
 * role's pages leads to the user's own home.
 */
import { useEffect } from 'react';
import { AppShell } from './shared/AppShell.tsx';
import { AuthProvider, useAuth } from './shared/auth.tsx';
import { I18nProvider } from './shared/i18n/I18nProvider.tsx';
import { homeRoute, navigate, useRoute, type Route } from './shared/router.ts';
import { CoachApp } from './coach/CoachApp.tsx';
import { QaApp } from './qa/QaApp.tsx';
import { SocketProvider } from './shared/SocketProvider.tsx';
import { LoginPage } from './trainee/LoginPage.tsx';
import { TraineeApp } from './trainee/TraineeApp.tsx';

function Pages() {
  const { signedIn, signOut } = useAuth();
  const route = useRoute();

  const role = signedIn?.user.role ?? null;
  const area = areaOf(route);
  const misplaced = role !== null && (route.page === 'login' || area !== areaOfRole(role));
  useEffect(() => {
    if (role && misplaced) navigate(homeRoute(role), { replace: true });
  }, [role, misplaced]);

  if (!signedIn) {
    return (
      <AppShell>
        <LoginPage />
      </AppShell>
    );
  }
  if (misplaced) return <AppShell>{null}</AppShell>;
  return (
    <SocketProvider token={signedIn.token} onUnauthorized={signOut}>
      <AppShell wide={route.page !== 'personas' && route.page !== 'briefing'}>
        {area === 'coach' ? <CoachApp route={route} /> : area === 'qa' ? <QaApp route={route} /> : <TraineeApp route={route} />}
      </AppShell>
    </SocketProvider>
  );
}

type Area = 'trainee' | 'coach' | 'qa';

function areaOf(route: Route): Area {
  if (route.page.startsWith('coach-')) return 'coach';
  if (route.page.startsWith('qa-')) return 'qa';
  return 'trainee';
}

function areaOfRole(role: 'trainee' | 'coach' | 'qa' | 'admin'): Area {
  return role === 'coach' || role === 'admin' ? 'coach' : role === 'qa' ? 'qa' : 'trainee';
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
