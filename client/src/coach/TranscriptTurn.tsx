/**
 * One turn of the replay. A customer turn: the words and the mood after them. A trainee
 * reply: the words with the evidence highlighted, each criterion's score, the signals found
 * and the rubric's feedback (in the session's language), a conduct fault before anything
 * else. Then the coaches' comments.
 */
import { forwardRef } from 'react';
import { EvidenceText } from '../shared/components/EvidenceText.tsx';
import { conductFirst, faultsFirst, hasFault } from '../shared/conductFaults.ts';
import { CRITERIA, MOOD_AXES, type Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';
import type { CommentEntry, ReviewedSession } from './coachApi.ts';
import { evidenceOf } from './replaySteps.ts';
import { TurnComments } from './TurnComments.tsx';

interface Props {
  sessionId: string;
  turn: ReviewedSession['turns'][number];
  /** The reply's number for a trainee turn. */
  replyNumber: number | null;
  speaker: string;
  locale: Locale;
  current: boolean;
  comments: readonly CommentEntry[];
  onSelect(): void;
  onCommentAdded(): void;
}

const round = (v: number) => Math.round(v * 10) / 10;

export const TranscriptTurn = forwardRef<HTMLLIElement, Props>(function TranscriptTurn(
  { sessionId, turn, replyNumber, speaker, locale, current, comments, onSelect, onCommentAdded },
  ref,
) {
  const { t } = useI18n();
  const { label, tone, isFault } = useSignals();
  const score = turn.score;
  const criteria = conductFirst(CRITERIA, (c) => c, score ? hasFault(score, isFault) : false);
  return (
    <li
      ref={ref}
      className={`coach-turn coach-turn--${turn.role}${current ? ' coach-turn--current' : ''}`}
      data-index={turn.index}
      data-testid="replay-turn"
      aria-current={current ? 'step' : undefined}
    >
      <div className="coach-turn__head">
        <button type="button" className="coach-turn__number" onClick={onSelect} aria-label={t('coach.replay.goTo', { n: turn.index + 1 })}>
          {turn.index + 1}
        </button>
        <strong lang={turn.role === 'customer' ? locale : undefined}>{speaker}</strong>
        {replyNumber !== null && <span className="muted">{t('coach.replay.reply', { n: replyNumber })}</span>}
      </div>
      <p className="coach-turn__text" lang={locale}>
        {score ? <EvidenceText text={turn.text} evidence={evidenceOf(score)} /> : turn.text}
      </p>

      {turn.mood && (
        <p className="muted coach-turn__mood">
          {MOOD_AXES.map((axis) => `${t(`mood.${axis}`)} ${round(turn.mood![axis])}`).join(' · ')}
        </p>
      )}

      {score && (
        <div className="coach-turn__score">
          <ul className="coach-chips" aria-label={t('coach.replay.turnScores')}>
            {criteria.map((c) => {
              const s = score.criteria[c];
              return s ? (
                <li key={c} className={`coach-chip${s.score < 60 ? ' coach-chip--low' : ''}`} data-criterion={c}>
                  {t(`criterion.${c}`)} <strong>{Math.round(s.score)}</strong>
                </li>
              ) : null;
            })}
          </ul>
          {score.signals.length > 0 && (
            <ul className="coach-signals" aria-label={t('coach.replay.signals')}>
              {faultsFirst(score.signals, isFault).map((signal, i) => (
                <li key={`${signal}-${i}`} className={`coach-signal coach-signal--${tone(signal)}${isFault(signal) ? ' coach-signal--fault' : ''}`} data-signal={signal}>
                  {label(signal)}
                </li>
              ))}
            </ul>
          )}
          <details className="coach-turn__feedback">
            <summary>{t('coach.replay.feedback')}</summary>
            <ul>
              {criteria.map((c) => {
                const s = score.criteria[c];
                return s?.feedback ? (
                  <li key={c}>
                    <strong>{t(`criterion.${c}`)}</strong> <span lang={locale}>{s.feedback}</span>
                  </li>
                ) : null;
              })}
            </ul>
          </details>
        </div>
      )}

      <TurnComments sessionId={sessionId} turnIndex={turn.index} comments={comments} onAdded={onCommentAdded} />
    </li>
  );
});
