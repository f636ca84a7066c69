/**
 * The hints under one of the trainee's replies: "reflection ✓" for what worked, "jargon:
 * 年化利率 → 一年的利息是多少" for what to change, and a tip in the session's language.
 */
import type { Locale, TurnScore } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';
import { hintsFor } from './hints.ts';

export function HintList({ score, locale }: { score: TurnScore; locale: Locale }) {
  const { t } = useI18n();
  const { label, tone } = useSignals();
  const { items, tip } = hintsFor(score, tone);
  if (items.length === 0 && !tip) return null;
  return (
    <div className="hints" aria-label={t('chat.hintsFor')} data-testid="hints">
      <ul className="hints__items">
        {items.map((item) => (
          <li key={item.signal} className={`hint hint--${item.tone}`} data-signal={item.signal}>
            {item.tone === 'good' ? (
              `${label(item.signal)} ✓`
            ) : (
              <>
                {label(item.signal)}
                {item.details.length > 0 && ': '}
                {item.details.map((d, i) => (
                  <span key={i} lang={locale} className="hint__detail">
                    {i > 0 && '、'}
                    {d.text}
                    {d.suggestion && ` → ${d.suggestion}`}
                  </span>
                ))}
              </>
            )}
          </li>
        ))}
      </ul>
      {tip && (
        <p className="hints__tip">
          <span className="hints__tip-label">{t('chat.tip')}</span> <span lang={locale}>{tip.text}</span>
        </p>
      )}
    </div>
  );
}
