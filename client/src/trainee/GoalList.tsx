/** The criteria a persona's session is scored on, each with what it asks of the trainee. */
import type { CriterionId } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

export function GoalList({ goals }: { goals: readonly CriterionId[] }) {
  const { t } = useI18n();
  return (
    <ul className="goal-list">
      {goals.map((g) => (
        <li key={g}>
          <strong>{t(`criterion.${g}`)}</strong>
          <span>{t(`goal.${g}`)}</span>
        </li>
      ))}
    </ul>
  );
}
