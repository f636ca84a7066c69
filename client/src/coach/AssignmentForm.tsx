/**
 * A new assignment: a persona in one of its languages, the trainees, a due date, whether the
 * mood gauge must stay hidden, the live hints (on, off or the trainee's choice) and a note.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PersonaListing, TraineeListItem } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { conversationLocaleFor } from '../shared/i18n/interfaceLanguages.ts';
import { LocaleOptions } from '../shared/components/LocaleOptions.tsx';
import { assignmentOf, defaultDue, personaChoices, type AssignmentDraft } from './assignmentDraft.ts';
import { coachApi } from './coachApi.ts';
import { useSubmit } from './useSubmit.ts';

const HINTS = ['trainee', 'on', 'off'] as const;

interface Props {
  personas: readonly PersonaListing[];
  trainees: readonly TraineeListItem[];
  onCreated(): void;
}

export function AssignmentForm({ personas, trainees, onCreated }: Props) {
  const { t, locale: uiLocale } = useI18n();
  const readable = conversationLocaleFor(uiLocale);
  const choices = personaChoices(personas, readable);
  const [draft, setDraft] = useState<AssignmentDraft>(() => ({
    personaId: '',
    locale: '',
    traineeIds: [],
    due: defaultDue(new Date()),
    hideMood: false,
    hints: 'trainee',
    note: '',
  }));
  const [created, setCreated] = useState(false);
  const submit = useSubmit();
  const id = useId();
  const persona = choices.find((c) => c.id === draft.personaId);
  const set = (change: Partial<AssignmentDraft>) => {
    setCreated(false);
    setDraft((d) => ({ ...d, ...change }));
  };

  async function create(e: FormEvent) {
    e.preventDefault();
    const checked = assignmentOf(draft);
    if (!checked.ok) return submit.setError({ code: 'check', message: t(`coach.assign.missing.${checked.problem}`) });
    if (await submit.run((token) => coachApi.createAssignment(token, checked.assignment))) {
      setDraft((d) => ({ ...d, traineeIds: [], note: '' }));
      setCreated(true);
      onCreated();
    }
  }

  const toggleTrainee = (traineeId: string, on: boolean) =>
    set({ traineeIds: on ? [...draft.traineeIds, traineeId] : draft.traineeIds.filter((x) => x !== traineeId) });

  return (
    <form className="card form coach-assign-form" onSubmit={create} data-testid="assignment-form" noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('coach.assign.new')}</h2>
      <div className="coach-assign-form__row">
        <label className="field">
          <span>{t('coach.assign.persona')}</span>
          <select
            name="persona"
            value={draft.personaId}
            onChange={(e) => {
              const next = choices.find((c) => c.id === e.target.value);
              const keep = next && draft.locale && next.locales.includes(draft.locale);
              set({ personaId: e.target.value, locale: keep ? draft.locale : (next?.locales.includes(readable) ? readable : (next?.locales[0] ?? '')) });
            }}
          >
            <option value="">{t('coach.assign.choosePersona')}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('coach.assign.locale')}</span>
          <select name="locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value as AssignmentDraft['locale'] })} disabled={!persona}>
            {!persona && <option value="">—</option>}
            {persona && <LocaleOptions locales={persona.locales} />}
          </select>
        </label>
        <label className="field">
          <span>{t('coach.assign.due')}</span>
          <input type="datetime-local" name="due" value={draft.due} onChange={(e) => set({ due: e.target.value })} />
        </label>
      </div>

      <fieldset className="coach-assign-form__trainees">
        <legend>{t('coach.assign.trainees')}</legend>
        {trainees.length === 0 ? (
          <p className="muted">{t('coach.assign.noTrainees')}</p>
        ) : (
          <>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => set({ traineeIds: draft.traineeIds.length === trainees.length ? [] : trainees.map((x) => x.id) })}
            >
              {draft.traineeIds.length === trainees.length ? t('coach.assign.selectNone') : t('coach.assign.selectAll')}
            </button>
            <ul className="coach-checks">
              {trainees.map((trainee) => (
                <li key={trainee.id}>
                  <label>
                    <input
                      type="checkbox"
                      name="trainee"
                      value={trainee.id}
                      checked={draft.traineeIds.includes(trainee.id)}
                      onChange={(e) => toggleTrainee(trainee.id, e.target.checked)}
                    />{' '}
                    {trainee.username}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>

      <div className="coach-assign-form__row">
        <label className="coach-assign-form__check">
          <input type="checkbox" name="hideMood" checked={draft.hideMood} onChange={(e) => set({ hideMood: e.target.checked })} /> {t('coach.assign.hideMood')}
        </label>
        <fieldset className="coach-assign-form__hints">
          <legend>{t('coach.assign.hints')}</legend>
          {HINTS.map((h) => (
            <label key={h}>
              <input type="radio" name="hints" value={h} checked={draft.hints === h} onChange={() => set({ hints: h })} /> {t(`coach.assign.hints.${h}`)}
            </label>
          ))}
        </fieldset>
      </div>

      <label className="field">
        <span>{t('coach.assign.note')}</span>
        <textarea name="note" rows={2} maxLength={1000} value={draft.note} onChange={(e) => set({ note: e.target.value })} placeholder={t('coach.assign.notePlaceholder')} />
      </label>

      {submit.error && (
        <p className="form__error" role="alert" data-testid="assignment-error">
          {submit.error.code === 'check' ? submit.error.message : errorText(t, submit.error)}
        </p>
      )}
      {created && (
        <p className="notice" role="status">
          {t('coach.assign.created')}
        </p>
      )}
      <p>
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {submit.busy ? t('coach.assign.creating') : t('coach.assign.create')}
        </button>
      </p>
    </form>
  );
}
