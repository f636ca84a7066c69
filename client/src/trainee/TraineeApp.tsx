/** The trainee's pages, by address: the customers, a briefing, a conversation, a scorecard. */
import type { Route } from '../shared/router.ts';
import { Briefing } from './Briefing.tsx';
import { ChatPage } from './ChatPage.tsx';
import { PersonaPicker } from './PersonaPicker.tsx';
import { Scorecard } from './Scorecard.tsx';

export function TraineeApp({ route }: { route: Route }) {
  switch (route.page) {
    case 'briefing':
      return (
        <Briefing
          key={`${route.personaId}/${route.locale}/${route.assignmentId ?? ''}`}
          personaId={route.personaId}
          locale={route.locale}
          {...(route.assignmentId ? { assignmentId: route.assignmentId } : {})}
        />
      );
    case 'chat':
      return <ChatPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'scorecard':
      return <Scorecard key={route.sessionId} sessionId={route.sessionId} />;
    default:
      return <PersonaPicker />;
  }
}
