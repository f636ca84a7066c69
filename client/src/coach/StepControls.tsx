/**
 * The replay's step-through: first, previous, next and last turn, and where it is. The ← and
 * → keys do the same anywhere on the page except while typing in a field.
 */
import { useEffect } from 'react';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

export type Move = 'first' | 'previous' | 'next' | 'last';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function StepControls({ position, count, onMove }: { position: number; count: number; onMove(move: Move): void }) {
  const { t } = useI18n();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || isTyping(e.target)) return;
      if (e.key === 'ArrowLeft') onMove('previous');
      else if (e.key === 'ArrowRight') onMove('next');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onMove]);

  const atStart = position <= 0;
  const atEnd = position >= count - 1;
  return (
    <div className="coach-steps" role="toolbar" aria-label={t('coach.replay.stepThrough')} data-testid="step-controls">
      <button type="button" className="button button--small" onClick={() => onMove('first')} disabled={atStart} aria-label={t('coach.replay.first')}>
        «
      </button>
      <button type="button" className="button button--small" onClick={() => onMove('previous')} disabled={atStart} aria-label={t('coach.replay.previous')}>
        ←
      </button>
      <span className="coach-steps__where" aria-live="polite" data-testid="step-position">
        {t('coach.replay.position', { n: position + 1, total: count })}
      </span>
      <button type="button" className="button button--small" onClick={() => onMove('next')} disabled={atEnd} aria-label={t('coach.replay.next')}>
        →
      </button>
      <button type="button" className="button button--small" onClick={() => onMove('last')} disabled={atEnd} aria-label={t('coach.replay.last')}>
        »
      </button>
      <span className="muted coach-steps__keys">{t('coach.replay.keys')}</span>
    </div>
  );
}
