/**
 * The one sentence a failed session gets (`summary.failed`): which fault failed it and in
 * which reply. A fault the rubric says fails the session does so whatever else was done.
 */
import { failureReasons } from '../shared/conductFaults.ts';
import type { ScoreReport } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';

export function FailedVerdict({ report }: { report: Pick<ScoreReport, 'turns' | 'summary'> }) {
  const { t, locale } = useI18n();
  const { label } = useSignals();
  if (!report.summary.failed) return null;
  const { signals, replies } = failureReasons(report.summary.failed, report.turns);
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return (
    <p className="failed-verdict" role="status" data-testid="failed-verdict">
      {replies.length === 0
        ? t('scorecard.failedAnywhere', { faults: list.format(signals.map(label)) })
        : t('scorecard.failed', { faults: list.format(signals.map(label)), replies: list.format(replies.map((n) => t('scorecard.stepAt', { n }))) })}
    </p>
  );
}
