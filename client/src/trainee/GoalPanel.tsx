/**
 * The briefing's goals during the conversation, each with the score so far, and under the
 * process goal the call's own steps, ticked as the replies take them. A call whose scenario
 * has no process has no process goal.
 */
import type { CriterionId, Scenario, TurnScore } from '../shared/contract.ts';
import { liveSteps } from '../shared/callProcess.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';
import { goalProgress } from './goalProgress.ts';

const MARK = { done: '✓', broken: '✗', open: '' } as const;

export function GoalPanel({ goals, scenario, scored }: { goals: readonly CriterionId[]; scenario: Scenario; scored: readonly TurnScore[] }) {
  const { t } = useI18n();
  const signals = useSignals();
  const process = signals.process(scenario);
  const steps = process ? liveSteps(process, scored, signals.tags) : [];
  const shown = process ? goals : goals.filter((g) => g !== 'complaint_process');
  const progress = goalProgress(shown, scored, steps);
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
            {goal === 'complaint_process' && process && (
              <ol className="steps-mini" data-process={process.scenario}>
                {steps.map(({ step, state }) => (
                  <li key={step.step} className={state === 'open' ? '' : state} data-step={step.step} data-state={state} aria-label={`${step.label}${MARK[state] ? ` ${MARK[state]}` : ''}`}>
                    {MARK[state] ? `${MARK[state]} ` : ''}
                    {step.label}
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
