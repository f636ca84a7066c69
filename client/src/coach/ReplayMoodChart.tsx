/**
 * The shared mood chart with the replay's position marked: a line laid over the chart at the
 * reply the step-through has reached. The overlay uses the chart's own drawing box (its
 * viewBox and padding, copied from shared/components/MoodChart.tsx) and is sized by the
 * same rules, so the line falls on the chart's points at any width.
 */
import { MoodChart, type MoodPoint } from '../shared/components/MoodChart.tsx';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

const W = 600;
const H = 220;
const PAD = { left: 34, right: 14, top: 12, bottom: 30 };

export function ReplayMoodChart({ points, reply }: { points: readonly MoodPoint[]; reply: number }) {
  const { t } = useI18n();
  if (points.length === 0) return null;
  const first = points[0]!.turn;
  const last = points.at(-1)!.turn;
  const at = Math.min(last, Math.max(first, reply));
  const x = PAD.left + ((at - first) / Math.max(1, last - first)) * (W - PAD.left - PAD.right);
  return (
    <div className="coach-mood" data-testid="replay-mood" data-reply={at}>
      <MoodChart points={points} />
      <svg className="coach-mood__marker" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
        <line x1={x} x2={x} y1={PAD.top - 6} y2={H - PAD.bottom} />
        <circle cx={x} cy={PAD.top - 6} r={5} />
      </svg>
      <p className="muted coach-mood__where">{t('coach.replay.moodAt', { reply: at })}</p>
    </div>
  );
}
