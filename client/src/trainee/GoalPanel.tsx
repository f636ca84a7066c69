/** The briefing's goals during the conversation, each with the score so far, and the complaint steps taken. */
import { COMPLAINT_STEPS, type CriterionId, type TurnScore } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { goalProgress, stepsTaken } from './goalProgress.ts';

export function GoalPanel({ goals, scored }: { goals: readonly CriterionId[]; scored: readonly TurnScore[] }) {
  const { t } = useI18n();
  const progress = goalProgress(goals, scored);
  const taken = stepsTaken(scored).map((s) => s.step);
  return (
    <section className="goal-panel" aria-labelledby="goal-panel-title" data-testid="goal-panel">
      <h2 id="goal-panel-title">{t('chat.goals')}</h2>
      <ul>
        {progress.map(({ goal, score }) => (
          <li key={goal} data-goal={goal}>
            <div className="goal-panel__row">
              <span>{t(`criterion.${goal}`)}</span>
              <span className="goal-panel__score">{score === null ? '–' : score}</span>
            </div>
            <span className="bar" aria-hidden="true">
              <span className={`bar__fill ${score !== null && score < 60 ? 'bar__fill--low' : ''}`} style={{ width: `${score ?? 0}%` }} />
            </span>
            {goal === 'complaint_process' && (
              <ol className="steps-mini">
                {COMPLAINT_STEPS.map((step) => (
                  <li key={step} className={taken.includes(step) ? 'done' : ''} data-step={step} aria-label={`${t(`step.${step}`)}${taken.includes(step) ? ' ✓' : ''}`}>
                    {taken.includes(step) ? '✓ ' : ''}
                    {t(`step.${step}`)}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
