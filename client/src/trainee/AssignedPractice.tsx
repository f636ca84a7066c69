/**
 * "Assigned to you", above the free choice of customers: the practice a coach set for this
 * trainee (`GET /api/assignments`), each with its customer, due date (overdue stands out),
 * where the trainee is with it, and the one thing to do next: start it (through the
 * briefing, carrying the assignment), continue the open session, or view the scorecard.
 */
import { api } from '../shared/api.ts';
import type { AssignmentStatus, AssignmentView } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { navigate, pathOf, type Route } from '../shared/router.ts';
import { useApiData } from '../shared/useApiData.ts';
import { rememberSessionSettings } from './sessionSettings.ts';
import './assignments.css';

const STATUS_KEY = {
  pending: 'assigned.status.pending',
  in_progress: 'assigned.status.in_progress',
  completed: 'assigned.status.completed',
} as const satisfies Record<AssignmentStatus, string>;

/** The next step for this trainee, and the page it leads to. */
function nextStep(a: AssignmentView): { status: AssignmentStatus; route: Route; label: 'assigned.start' | 'assigned.continue' | 'assigned.view' } {
  const mine = a.trainees[0];
  const status = mine?.status ?? 'pending';
  if (status === 'in_progress' && mine?.sessionId) return { status, route: { page: 'chat', sessionId: mine.sessionId }, label: 'assigned.continue' };
  if (status === 'completed' && mine?.sessionId) return { status, route: { page: 'scorecard', sessionId: mine.sessionId }, label: 'assigned.view' };
  return { status: 'pending', route: { page: 'briefing', personaId: a.personaId, locale: a.locale, assignmentId: a.id }, label: 'assigned.start' };
}

export function AssignedPractice() {
  const { t, locale } = useI18n();
  const assignments = useApiData(api.assignments, []);
  // The free choice works without them: a failed load shows nothing rather than an error.
  if (assignments.status !== 'ready' || assignments.data.length === 0) return null;
  const due = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="assigned" aria-labelledby="assigned-title" data-testid="assigned">
      <h2 id="assigned-title">{t('assigned.title')}</h2>
      <ul className="assigned__list">
        {assignments.data.map((a) => {
          const step = nextStep(a);
          const late = a.overdue && step.status !== 'completed';
          return (
            <li key={a.id} className={`assigned__item${late ? ' assigned__item--overdue' : ''}`} data-assignment={a.id} data-status={step.status}>
              <div className="assigned__what">
                <span className="assigned__name" lang={a.locale}>
                  {a.personaName}
                </span>
                <span className="tag tag--locale" lang={a.locale}>
                  {LOCALE_NAMES[a.locale]}
                </span>
                {a.note && (
                  <p className="assigned__note muted" lang={a.locale}>
                    {a.note}
                  </p>
                )}
              </div>
              <span className={`assigned__due${late ? ' assigned__due--overdue' : ''}`}>
                {t(late ? 'assigned.overdue' : 'assigned.due', { date: due.format(new Date(a.dueAt)) })}
              </span>
              <span className={`assigned__status assigned__status--${step.status}`} data-testid="assignment-status">
                {t(STATUS_KEY[step.status])}
              </span>
              <a
                className={`button button--small${step.status === 'pending' ? ' button--primary' : ''}`}
                href={pathOf(step.route)}
                onClick={(e) => {
                  e.preventDefault();
                  if (step.route.page === 'chat') rememberSessionSettings(step.route.sessionId, { hideMood: a.hideMood, hints: a.hints });
                  navigate(step.route);
                }}
              >
                {t(step.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
