/**
 * Each criterion's session score as a labelled bar (the number is always written out too);
 * conduct first when the session has a conduct fault.
 */
import { conductFirst as putConductFirst } from '../shared/conductFaults.ts';
import { CRITERIA, type ScoreReport } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

export function CriteriaBars({ criteria, conductFirst = false }: { criteria: ScoreReport['summary']['criteria']; conductFirst?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="criteria" data-testid="criteria">
      {putConductFirst(CRITERIA, (id) => id, conductFirst).map((id) => {
        const score = criteria[id];
        if (score === undefined) return null;
        return (
          <li key={id} data-criterion={id}>
            <span className="criteria__label">{t(`criterion.${id}`)}</span>
            <span className="bar" aria-hidden="true">
              <span className={`bar__fill ${score < 60 ? 'bar__fill--low' : ''}`} style={{ width: `${score}%` }} />
            </span>
            <span className="criteria__score">{score}</span>
          </li>
        );
      })}
    </ul>
  );
}
