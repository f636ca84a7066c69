/**
 * The customer's mood now: anger, trust and confusion on 0–10, as three small bars. Each is
 * a `meter` for assistive technology, with its value as text beside it (colour is never the
 * only cue). The bars ease to a new value, so a change is seen.
 */
import type { Mood } from '../contract.ts';
import { MOOD_AXES } from '../contract.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

const round = (v: number) => Math.round(v * 10) / 10;

export function MoodGauge({ mood }: { mood: Mood }) {
  const { t } = useI18n();
  return (
    <div className="mood-gauge" role="group" aria-label={t('mood.title')} data-testid="mood-gauge">
      {MOOD_AXES.map((axis) => (
        <div key={axis} className={`mood-gauge__row mood--${axis}`}>
          <span className="mood-gauge__label">{t(`mood.${axis}`)}</span>
          <span
            className="mood-gauge__track"
            role="meter"
            aria-label={t(`mood.${axis}`)}
            aria-valuemin={0}
            aria-valuemax={10}
            aria-valuenow={round(mood[axis])}
            data-axis={axis}
          >
            <span className="mood-gauge__fill" style={{ width: `${(Math.min(10, Math.max(0, mood[axis])) / 10) * 100}%` }} />
          </span>
          <span className="mood-gauge__value">{round(mood[axis])}</span>
        </div>
      ))}
    </div>
  );
}
