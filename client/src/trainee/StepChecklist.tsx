/**
 * The call's own process steps as a checklist, in the order the trainee took them, then the
 * missing ones, and the rubric's sentence on what to do next time (in the session's language).
 */
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import type { ProcessView } from '../shared/callProcess.ts';

export function StepChecklist({ view }: { view: ProcessView }) {
  const { t } = useI18n();
  const anyTaken = view.lines.some((l) => l.done);
  return (
    <>
      <ol className="checklist" data-testid="steps" data-process={view.process.scenario}>
        {view.lines.map(({ step, label, done, reply }) => (
          <li key={step} className={done ? 'checklist__done' : 'checklist__missing'} data-step={step}>
            <span className="checklist__mark" aria-hidden="true">
              {done ? '✓' : '○'}
            </span>
            <span className="checklist__step">{label}</span>
            <span className="muted">{done ? (reply !== null ? t('scorecard.stepAt', { n: reply }) : t('scorecard.stepWholeCall')) : t('scorecard.stepMissing')}</span>
          </li>
        ))}
      </ol>
      {anyTaken && (
        <p className="muted">
          {view.inOrder
            ? t('scorecard.inOrder')
            : t('scorecard.outOfOrder', { steps: view.process.steps.filter((s) => !s.wholeCall).map((s) => s.label).join(' → ') })}
        </p>
      )}
      {view.feedback && (
        <p className="checklist__feedback" lang={view.feedback.locale} data-testid="process-feedback">
          {view.feedback.text}
        </p>
      )}
    </>
  );
}
