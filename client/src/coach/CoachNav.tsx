/** The coach pages' own navigation: the sessions and the assignments, the current one marked. */
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import type { Route } from '../shared/router.ts';
import { RouteLink } from '../shared/RouteLink.tsx';

export function CoachNav({ route }: { route: Route }) {
  const { t } = useI18n();
  const inAssignments = route.page === 'coach-assignments';
  return (
    <nav className="coach-nav" aria-label={t('coach.nav.label')} data-testid="coach-nav">
      <RouteLink route={{ page: 'coach-sessions' }} className="coach-nav__link" current={route.page === 'coach-sessions'}>
        {t('coach.nav.sessions')}
      </RouteLink>
      <RouteLink route={{ page: 'coach-assignments' }} className="coach-nav__link" current={inAssignments}>
        {t('coach.nav.assignments')}
      </RouteLink>
    </nav>
  );
}
