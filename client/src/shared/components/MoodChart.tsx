/**
 * The customer's mood over a conversation: one line per axis (anger, trust, confusion, 0–10)
 * across the customer's turns, drawn as SVG that scales with its box. A sentence under it
 * says the same for screen readers and for anyone who prefers words.
 */
import type { Mood } from '../contract.ts';
import { MOOD_AXES } from '../contract.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface MoodPoint {
  /** 0 at the opening, then the number of the trainee's reply the customer answered. */
  turn: number;
  mood: Mood;
}

const W = 600;
const H = 220;
const PAD = { left: 34, right: 14, top: 12, bottom: 30 };

const fmt = (v: number) => String(Math.round(v * 10) / 10);

export function MoodChart({ points }: { points: readonly MoodPoint[] }) {
  const { t } = useI18n();
  if (points.length === 0) return null;
  const first = points[0]!;
  const last = points.at(-1)!;
  const span = Math.max(1, last.turn - first.turn);
  const x = (turn: number) => PAD.left + ((turn - first.turn) / span) * (W - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - Math.min(10, Math.max(0, value)) / 10) * (H - PAD.top - PAD.bottom);
  const summary = t('mood.chartSummary', {
    angerStart: fmt(first.mood.anger),
    angerEnd: fmt(last.mood.anger),
    trustStart: fmt(first.mood.trust),
    trustEnd: fmt(last.mood.trust),
    confusionStart: fmt(first.mood.confusion),
    confusionEnd: fmt(last.mood.confusion),
  });

  return (
    <figure className="mood-chart" data-testid="mood-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        {[0, 5, 10].map((v) => (
          <g key={v} className="mood-chart__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 8} y={y(v)} dy="0.35em" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {points.map((p) => (
          <text key={p.turn} className="mood-chart__tick" x={x(p.turn)} y={H - 8} textAnchor="middle">
            {p.turn}
          </text>
        ))}
        {MOOD_AXES.map((axis) => (
          <g key={axis} className={`mood-chart__series mood--${axis}`} data-axis={axis}>
            <polyline points={points.map((p) => `${x(p.turn)},${y(p.mood[axis])}`).join(' ')} />
            {points.map((p) => (
              <circle key={p.turn} cx={x(p.turn)} cy={y(p.mood[axis])} r={4}>
                <title>{`${t(`mood.${axis}`)} · ${t('mood.chartTurn')} ${p.turn}: ${fmt(p.mood[axis])}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="mood-chart__legend">
          {MOOD_AXES.map((axis) => (
            <li key={axis} className={`mood--${axis}`}>
              <span className="mood-chart__swatch" aria-hidden="true" />
              {t(`mood.${axis}`)}
            </li>
          ))}
        </ul>
        <p className="mood-chart__summary">{summary}</p>
      </figcaption>
    </figure>
  );
}
