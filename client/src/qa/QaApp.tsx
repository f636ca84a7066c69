/** The QA pages, by address: the persona library, a persona's editor, a try-out chat and its scorecard. */
import type { Route } from '../shared/router.ts';
import { PersonaEditorPage } from './PersonaEditorPage.tsx';
import { PersonaLibrary } from './PersonaLibrary.tsx';
import { TryOutPage, TryOutReport } from './TryOutPage.tsx';

export function QaApp({ route }: { route: Route }) {
  switch (route.page) {
    case 'qa-persona':
      return <PersonaEditorPage key={`${route.personaId}/${route.locale}`} target={{ id: route.personaId, locale: route.locale }} />;
    case 'qa-new':
      return <PersonaEditorPage key={`new/${route.from ? `${route.from.personaId}/${route.from.locale}/${route.from.to ?? ''}` : ''}`} target={null} from={route.from ?? null} />;
    case 'qa-tryout':
      return <TryOutPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'qa-tryout-report':
      return <TryOutReport key={route.sessionId} sessionId={route.sessionId} />;
    default:
      return <PersonaLibrary />;
  }
}
