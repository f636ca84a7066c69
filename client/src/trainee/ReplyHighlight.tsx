/**
 * One of the trainee's replies on the scorecard (the best or the weakest): its words with
 * the evidence highlighted, its score, and the feedback that matters for it, in the
 * session's language.
 */
import { EvidenceText } from '../shared/components/EvidenceText.tsx';
import { conductFirst, hasFault } from '../shared/conductFaults.ts';
import type { CriterionId, Locale, TurnScore } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';
import { replyScore } from './bestReply.ts';

interface Props {
  kind: 'best' | 'weakest';
  score: TurnScore;
  text: string;
  replyNumber: number;
  locale: Locale;
}

/** For the best reply, what earned points; for the weakest, what fell short, worst first (a conduct fault before all). */
function feedbackFor(kind: Props['kind'], score: TurnScore, faulty: boolean): Array<{ criterion: CriterionId; text: string }> {
  const entries = Object.entries(score.criteria) as Array<[CriterionId, NonNullable<TurnScore['criteria'][CriterionId]>]>;
  const chosen =
    kind === 'best'
      ? entries.filter(([, c]) => c.evidence.length > 0 && c.score >= 70).sort((a, b) => b[1].score - a[1].score)
      : entries.filter(([, c]) => c.score < 70).sort((a, b) => a[1].score - b[1].score);
  return conductFirst(chosen, ([criterion]) => criterion, faulty).slice(0, 3).map(([criterion, c]) => ({ criterion, text: c.feedback }));
}

export function ReplyHighlight({ kind, score, text, replyNumber, locale }: Props) {
  const { t } = useI18n();
  const { isFault } = useSignals();
  const evidence = Object.values(score.criteria).flatMap((c) => c?.evidence ?? []);
  return (
    <section className={`reply-highlight reply-highlight--${kind} card`} data-testid={`reply-${kind}`}>
      <h3>{kind === 'best' ? t('scorecard.best') : t('scorecard.weakest')}</h3>
      <p className="muted">{t('scorecard.replyScore', { n: replyNumber, score: replyScore(score) })}</p>
      <blockquote lang={locale} className="reply-highlight__text">
        <EvidenceText text={text} evidence={evidence} />
      </blockquote>
      <ul className="reply-highlight__feedback">
        {feedbackFor(kind, score, hasFault(score, isFault)).map((f) => (
          <li key={f.criterion}>
            <strong>{t(`criterion.${f.criterion}`)}</strong> <span lang={locale}>{f.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
