/** The four complaint steps as a checklist, in the order the trainee took them, then the missing ones. */
import type { ScoreReport } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { stepChecklist } from './reportHighlights.ts';

export function StepChecklist({ report }: { report: ScoreReport }) {
  const { t } = useI18n();
  const lines = stepChecklist(report);
  const anyTaken = lines.some((l) => l.reply !== null);
  return (
    <>
      <ol className="checklist" data-testid="steps">
        {lines.map(({ step, reply }) => (
          <li key={step} className={reply !== null ? 'checklist__done' : 'checklist__missing'} data-step={step}>
            <span className="checklist__mark" aria-hidden="true">
              {reply !== null ? '✓' : '○'}
            </span>
            <span className="checklist__step">{t(`step.${step}`)}</span>
            <span className="muted">{reply !== null ? t('scorecard.stepAt', { n: reply }) : t('scorecard.stepMissing')}</span>
          </li>
        ))}
      </ol>
      {anyTaken && <p className="muted">{report.summary.complaint_steps.in_order ? t('scorecard.inOrder') : t('scorecard.outOfOrder')}</p>}
    </>
  );
}
