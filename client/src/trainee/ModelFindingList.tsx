/**
 * Under one of the trainee's replies, after the rules' hints: what a model found in it (LLM
 * mode with model signals on), each finding's signal and the words it quoted, headed "found
 * by the model", and whether the rubric lets it count. A model that failed or timed out gets
 * one quiet line and nothing else: the rules' hints above stand as they were.
 */
import type { Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useSignals } from '../shared/useSignals.ts';
import type { ModelReading } from './modelReading.ts';

export function ModelFindingList({ reading, locale }: { reading: ModelReading; locale: Locale }) {
  const { t } = useI18n();
  const { label, tone } = useSignals();
  if (reading.failed) {
    return (
      <p className="model-findings__failed" data-testid="model-failed">
        {t('chat.modelFailed')}
      </p>
    );
  }
  if (reading.findings.length === 0) return null;
  return (
    <div className="model-findings" data-testid="model-findings">
      <p className="model-findings__title">{t('chat.modelFound')}</p>
      <ul className="model-findings__items">
        {reading.findings.map((f) => (
          <li key={`${f.signal}:${f.start}:${f.end}`} className={`model-finding model-finding--${tone(f.signal)}`} data-signal={f.signal}>
            <span className="model-finding__label">{label(f.signal)}</span>{' '}
            <q className="model-finding__quote" lang={locale}>
              {f.text}
            </q>{' '}
            <span className="model-finding__counted" data-counted={f.counted}>
              {f.counted ? t('chat.modelCounted') : t('chat.modelNotCounted')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
