/**
 * Each criterion's score over a trainee's sessions, one line per criterion (0–100, session 1
 * at the left), drawn as SVG that scales with its box like the mood chart. The same numbers
 * are in a table below it, for screen readers and for anyone who prefers to read them.
 */
import type { ProgressPoint } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { dateText } from './dateText.ts';
import { progressSeries, trendOf } from './progressSeries.ts';

const W = 600;
const H = 240;
const PAD = { left: 36, right: 14, top: 12, bottom: 30 };

export function ProgressChart({ sessions }: { sessions: readonly ProgressPoint[] }) {
  const { t, locale } = useI18n();
  const series = progressSeries(sessions);
  const count = sessions.length;
  const x = (session: number) => (count <= 1 ? (PAD.left + W - PAD.right) / 2 : PAD.left + ((session - 1) / (count - 1)) * (W - PAD.left - PAD.right));
  const y = (score: number) => PAD.top + (1 - Math.min(100, Math.max(0, score)) / 100) * (H - PAD.top - PAD.bottom);
  const summary = series
    .map((s) => {
      const trend = trendOf(s);
      return trend ? t('coach.progress.trend', { criterion: t(`criterion.${s.criterion}`), first: trend.first, latest: trend.latest }) : '';
    })
    .join(' ');

  return (
    <figure className="coach-progress-chart" data-testid="progress-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('coach.progress.chartLabel', { count })} preserveAspectRatio="xMidYMid meet">
        {[0, 50, 100].map((v) => (
          <g key={v} className="coach-progress-chart__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 8} y={y(v)} dy="0.35em" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {sessions.map((_, i) => (
          <text key={i} className="coach-progress-chart__tick" x={x(i + 1)} y={H - 8} textAnchor="middle">
            {i + 1}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.criterion} className={`coach-progress-chart__series coach-criterion-colour--${s.criterion}`} data-criterion={s.criterion}>
            <polyline points={s.points.map((p) => `${x(p.session)},${y(p.score)}`).join(' ')} />
            {s.points.map((p) => (
              <circle key={p.session} cx={x(p.session)} cy={y(p.score)} r={4}>
                <title>{`${t(`criterion.${s.criterion}`)} · ${t('coach.progress.session', { n: p.session })}: ${p.score}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="coach-progress-chart__legend">
          {series.map((s) => (
            <li key={s.criterion} className={`coach-criterion-colour--${s.criterion}`}>
              <span className="coach-progress-chart__swatch" aria-hidden="true" />
              {t(`criterion.${s.criterion}`)}
            </li>
          ))}
        </ul>
        <p className="muted">{summary}</p>
      </figcaption>
      <details className="coach-progress-chart__table">
        <summary>{t('coach.progress.asTable')}</summary>
        <div className="coach-table-wrap">
          <table className="coach-table coach-table--compact" data-testid="progress-table">
            <caption className="visually-hidden">{t('coach.progress.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coach.progress.sessionColumn')}</th>
                {series.map((s) => (
                  <th key={s.criterion} scope="col">
                    {t(`criterion.${s.criterion}`)}
                  </th>
                ))}
                <th scope="col">{t('coach.sessions.score')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session, i) => (
                <tr key={session.sessionId}>
                  <th scope="row">
                    {i + 1} · {dateText(session.endedAt, locale)}
                  </th>
                  {series.map((s) => (
                    <td key={s.criterion}>{session.criteria[s.criterion] === undefined ? '—' : Math.round(session.criteria[s.criterion]!)}</td>
                  ))}
                  <td>{session.overall}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
