/** The coach's assignments (`/coach/assignments`): a form for a new one, then every assignment with each trainee's status. */
import { api } from '../shared/api.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { AssignmentForm } from './AssignmentForm.tsx';
import { AssignmentList } from './AssignmentList.tsx';
import { coachApi } from './coachApi.ts';
import { useReloadableApiData } from '../shared/useApiData.ts';

export function AssignmentsPage() {
  const { t } = useI18n();
  const personas = useApiData(api.personas, []);
  const trainees = useApiData(coachApi.trainees, []);
  const { loaded: assignments, reload } = useReloadableApiData(coachApi.assignments, []);
  const formError = personas.status === 'failed' ? personas.error : trainees.status === 'failed' ? trainees.error : null;

  return (
    <section className="coach-assignments-page" aria-labelledby="coach-assignments-title">
      <h1 id="coach-assignments-title">{t('coach.assign.title')}</h1>
      <p className="muted">{t('coach.assign.intro')}</p>
      {formError && <p role="alert">{errorText(t, formError)}</p>}
      {personas.status === 'ready' && trainees.status === 'ready' ? (
        <AssignmentForm personas={personas.data} trainees={trainees.data} onCreated={reload} />
      ) : (
        !formError && <p className="muted">{t('coach.assign.loading')}</p>
      )}
      <h2 className="coach-assignments-page__list-title">{t('coach.assign.list')}</h2>
      {assignments.status === 'loading' && <p className="muted">{t('coach.assign.loading')}</p>}
      {assignments.status === 'failed' && <p role="alert">{errorText(t, assignments.error)}</p>}
      {assignments.status === 'ready' && <AssignmentList assignments={assignments.data} />}
    </section>
  );
}
