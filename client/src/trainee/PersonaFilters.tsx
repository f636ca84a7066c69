/** The three filters of the persona picker: scenario, difficulty, conversation language. */
import { DIFFICULTIES, SCENARIOS, type Difficulty, type Locale, type Scenario } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LocaleOptions } from '../shared/components/LocaleOptions.tsx';

export interface Filters {
  scenario: Scenario | 'all';
  difficulty: Difficulty | 'all';
  locale: Locale | 'all';
}

export function PersonaFilters({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('picker.filters')}</legend>
      <label className="field field--inline">
        <span>{t('picker.scenario')}</span>
        <select
          name="scenario"
          value={filters.scenario}
          onChange={(e) => onChange({ ...filters, scenario: e.target.value as Filters['scenario'] })}
        >
          <option value="all">{t('picker.all')}</option>
          {SCENARIOS.map((s) => (
            <option key={s} value={s}>
              {t(`scenario.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>{t('picker.difficulty')}</span>
        <select
          name="difficulty"
          value={filters.difficulty}
          onChange={(e) => onChange({ ...filters, difficulty: e.target.value as Filters['difficulty'] })}
        >
          <option value="all">{t('picker.all')}</option>
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {t(`difficulty.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>{t('picker.locale')}</span>
        <select name="locale" value={filters.locale} onChange={(e) => onChange({ ...filters, locale: e.target.value as Filters['locale'] })}>
          <option value="all">{t('picker.all')}</option>
          <LocaleOptions />
        </select>
      </label>
    </fieldset>
  );
}
