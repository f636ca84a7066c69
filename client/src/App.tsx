/**
 * The whole client: the interface language and the sign-in around everything, then the
 * page for the address. Signed out, every address shows the login (and comes back to the
 * address after it); signed in, the socket opens, the rubric's signals load, and the pages
 * of the user's role show: trainee/ for trainees, coach/ for coaches and admins, qa/ for QA,
 * each area loaded with its text when first shown. An address of another role's pages leads
 * to the user's own home. An account that must change its password (the generated first
 * admin's, an admin's reset) sees that form and nothing else until it has; every user
 * reaches it at /password from the frame.
 */
import { useEffect } from 'react';
import { AppShell } from './shared/AppShell.tsx';
import { AreaBoundary } from './shared/AreaBoundary.tsx';
import { AuthProvider, useAuth } from './shared/auth.tsx';
import { I18nProvider } from './shared/i18n/I18nProvider.tsx';
import { lazyArea } from './shared/i18n/lazyArea.ts';
import { LoginPage } from './shared/LoginPage.tsx';
import { PasswordPage } from './shared/PasswordPage.tsx';
import { homeRoute, navigate, useRoute, type Route } from './shared/router.ts';
import { SocketProvider } from './shared/SocketProvider.tsx';
import { preloadSignals } from './shared/useSignals.ts';

// Each area's pages and text load when first shown: a trainee never downloads the coach's
// or QA's. The coach's print page and QA's try-out show trainee pieces, hence its text.
const traineeText = () => import('./trainee/messages/index.ts');
const TraineeApp = lazyArea(() => import('./trainee/TraineeApp.tsx').then((m) => m.TraineeApp), [traineeText]);
const CoachApp = lazyArea(() => import('./coach/CoachApp.tsx').then((m) => m.CoachApp), [() => import('./coach/messages/index.ts'), traineeText]);
const QaApp = lazyArea(() => import('./qa/QaApp.tsx').then((m) => m.QaApp), [() => import('./qa/messages/index.ts'), traineeText]);

function Pages() {
  const { signedIn, signOut, signedOutByServer } = useAuth();
  const route = useRoute();

  const role = signedIn?.user.role ?? null;
  const area = areaOf(route);
  const misplaced = role !== null && (route.page === 'login' || (route.page !== 'password' && area !== areaOfRole(role)));
  useEffect(() => {
    if (role && misplaced) navigate(homeRoute(role), { replace: true });
  }, [role, misplaced]);
  const token = signedIn?.token ?? null;
  useEffect(() => {
    if (token) preloadSignals(token, signOut);
  }, [token, signOut]);

  if (!signedIn) {
    return (
      <AppShell>
        <LoginPage />
      </AppShell>
    );
  }
  if (misplaced) return <AppShell>{null}</AppShell>;
  if (signedIn.user.mustChangePassword || route.page === 'password') {
    return (
      <AppShell>
        <PasswordPage required={signedIn.user.mustChangePassword} />
      </AppShell>
    );
  }
  return (
    <SocketProvider signIn={signedIn.token} onUnauthorized={signedOutByServer}>
      <AppShell wide={route.page !== 'personas' && route.page !== 'briefing'}>
        <AreaBoundary>
          {area === 'coach' ? <CoachApp route={route} /> : area === 'qa' ? <QaApp route={route} /> : <TraineeApp route={route} />}
        </AreaBoundary>
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
