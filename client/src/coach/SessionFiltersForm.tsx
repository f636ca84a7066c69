/** The sessions list's filters: trainee, persona, date range, outcome and overall score range. */
import type { SessionListItem } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { choicesOf, SESSION_OUTCOMES, type OutcomeFilter, type SessionFilters } from './sessionFilters.ts';

interface Props {
  sessions: readonly SessionListItem[];
  filters: SessionFilters;
  onChange(filters: SessionFilters): void;
  onReset(): void;
}

function scoreValue(text: string): number | null {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? null : Math.min(100, Math.max(0, n));
}

interface ChoiceFilterProps {
  label: string;
  name: string;
  /** The first option, which filters nothing out. */
  all: string;
  choices: readonly { id: string; label: string }[];
  value: string;
  onChange(value: string): void;
}

/** One of the list's choose-one filters (trainee, persona): "all", then each choice. */
function ChoiceFilter({ label, name, all, choices, value, onChange }: ChoiceFilterProps) {
  return (
    <label className="field field--inline">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One end of the overall score range: empty is no bound, anything else is kept within 0 to 100. */
function ScoreFilter({ label, name, value, onChange }: { label: string; name: string; value: number | null; onChange(value: number | null): void }) {
  return (
    <label className="field field--inline coach-filters__score">
      <span>{label}</span>
      <input type="number" name={name} inputMode="numeric" min={0} max={100} value={value ?? ''} onChange={(e) => onChange(scoreValue(e.target.value))} />
    </label>
  );
}

export function SessionFiltersForm({ sessions, filters, onChange, onReset }: Props) {
  const { t } = useI18n();
  const trainees = choicesOf(sessions, (s) => s.traineeId, (s) => s.traineeName);
  const personas = choicesOf(sessions, (s) => s.personaId, (s) => s.personaName);
  const set = <K extends keyof SessionFilters>(key: K, value: SessionFilters[K]) => onChange({ ...filters, [key]: value });

  return (
    <fieldset className="filters coach-filters" data-testid="session-filters">
      <legend className="visually-hidden">{t('coach.filters.title')}</legend>
      <ChoiceFilter label={t('coach.filters.trainee')} name="trainee" all={t('coach.filters.all')} choices={trainees} value={filters.trainee} onChange={(v) => set('trainee', v)} />
      <ChoiceFilter label={t('coach.filters.persona')} name="persona" all={t('coach.filters.all')} choices={personas} value={filters.persona} onChange={(v) => set('persona', v)} />
      <label className="field field--inline">
        <span>{t('coach.filters.from')}</span>
        <input type="date" name="from" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field field--inline">
        <span>{t('coach.filters.to')}</span>
        <input type="date" name="to" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </label>
      <label className="field field--inline">
        <span>{t('coach.filters.outcome')}</span>
        <select name="outcome" value={filters.outcome} onChange={(e) => set('outcome', e.target.value as OutcomeFilter)}>
          <option value="all">{t('coach.filters.all')}</option>
          {SESSION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`coach.outcome.${o}`)}
            </option>
          ))}
          <option value="unfinished">{t('coach.outcome.unfinished')}</option>
        </select>
      </label>
      <div className="coach-filters__range">
        <ScoreFilter label={t('coach.filters.minScore')} name="min" value={filters.minScore} onChange={(v) => set('minScore', v)} />
        <ScoreFilter label={t('coach.filters.maxScore')} name="max" value={filters.maxScore} onChange={(v) => set('maxScore', v)} />
      </div>
      <button type="button" className="button button--small button--quiet coach-filters__reset" onClick={onReset}>
        {t('coach.filters.reset')}
      </button>
    </fieldset>
  );
}
