/**
 * The session's conduct faults, listed before anything else on the scorecard, the replay and
 * the print: each fault in the rubric's words, the reply it was in and what was said.
 * Nothing shows when there is none.
 */
import type { ConductFault } from '../shared/conductFaults.ts';
import type { Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';

export function ConductFaultList({ faults, locale }: { faults: readonly ConductFault[]; locale: Locale }) {
  const { t } = useI18n();
  const { label } = useSignals();
  if (faults.length === 0) return null;
  return (
    <section className="card conduct-faults" aria-labelledby="conduct-faults-title" data-testid="conduct-faults">
      <h2 id="conduct-faults-title">{t('scorecard.faults')}</h2>
      <ul>
        {faults.map((f) => (
          <li key={`${f.turnIndex}-${f.signal}`} data-signal={f.signal} data-turn={f.turnIndex}>
            <strong>{label(f.signal)}</strong> <span className="muted">{t('scorecard.stepAt', { n: f.reply })}</span>
            {f.words.length > 0 && (
              <>
                {' '}
                <q lang={locale}>{f.words.join(' … ')}</q>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
