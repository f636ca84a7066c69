/**
 * The coach's pages, by address: the sessions and a session's replay (and its printable
 * report), the assignments, a trainee's progress. Every page but the printable one sits
 * under the coach's navigation.
 */
import type { Route } from '../shared/router.ts';
import { AssignmentsPage } from './AssignmentsPage.tsx';
import { CoachNav } from './CoachNav.tsx';
import { PrintPage } from './PrintPage.tsx';
import { ReplayPage } from './ReplayPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';
import { TraineeProgressPage } from './TraineeProgressPage.tsx';
import './coach.css';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'coach-replay':
      return <ReplayPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'coach-assignments':
      return <AssignmentsPage />;
    case 'coach-trainee':
      return <TraineeProgressPage key={route.traineeId} traineeId={route.traineeId} />;
    default:
      return <SessionsPage />;
  }
}

export function CoachApp({ route }: { route: Route }) {
  if (route.page === 'coach-print') return <PrintPage key={route.sessionId} sessionId={route.sessionId} />;
  return (
    <div className="coach">
      <CoachNav route={route} />
      <Page route={route} />
    </div>
  );
}
