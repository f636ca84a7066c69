/** The call's own steps as the briefing lists them: each step's name and what it asks of the trainee, in order. */
import type { CallProcess } from '../shared/callProcess.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

export function ProcessGoals({ process }: { process: CallProcess }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('briefing.steps')}</h3>
      <ol className="goal-list goal-list--steps" data-testid="process-goals" data-process={process.scenario}>
        {process.steps.map((s) => (
          <li key={s.step} data-step={s.step}>
            <strong>{s.label}</strong>
            <span>{s.goal}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
