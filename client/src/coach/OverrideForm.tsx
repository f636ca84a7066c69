/**
 * A coach's own score for one criterion: 0–100 and the reason, both required. What the
 * server refuses shows beside the form, and nothing is lost from the fields.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CriterionId } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { coachApi } from './coachApi.ts';
import { useSubmit } from './useSubmit.ts';

interface Props {
  sessionId: string;
  criterion: CriterionId;
  /** Where the score field starts: the score shown now. */
  initial: number;
  onSaved(): void;
  onCancel(): void;
}

export function OverrideForm({ sessionId, criterion, initial, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const [score, setScore] = useState(String(Math.round(initial)));
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const id = useId();

  async function save(e: FormEvent) {
    e.preventDefault();
    const value = Number(score);
    if (score.trim() === '' || !Number.isInteger(value) || value < 0 || value > 100) {
      return submit.setError({ code: 'check', message: t('coach.override.badScore') });
    }
    if (!reason.trim()) return submit.setError({ code: 'check', message: t('coach.override.needReason') });
    if (await submit.run((token) => coachApi.addOverride(token, sessionId, criterion, value, reason.trim()))) onSaved();
  }

  return (
    <form className="coach-override" onSubmit={save} data-testid="override-form" noValidate>
      <label className="field" htmlFor={`${id}-score`}>
        <span>{t('coach.override.score')}</span>
        <input id={`${id}-score`} name="score" type="number" inputMode="numeric" min={0} max={100} step={1} value={score} onChange={(e) => setScore(e.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-reason`}>
        <span>{t('coach.override.reason')}</span>
        <textarea id={`${id}-reason`} name="reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {submit.error && (
        <p className="form__error" role="alert" data-testid="override-error">
          {submit.error.code === 'check' ? submit.error.message : errorText(t, submit.error)}
        </p>
      )}
      <div className="coach-override__actions">
        <button type="submit" className="button button--primary button--small" disabled={submit.busy}>
          {submit.busy ? t('coach.override.saving') : t('coach.override.save')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onCancel}>
          {t('coach.override.cancel')}
        </button>
      </div>
    </form>
  );
}
