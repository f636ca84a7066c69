/** The interface language menu, each language named in itself. The choice is remembered. */
import { useI18n } from './I18nProvider.tsx';
import { INTERFACE_LANGUAGES, isUiLocale } from './interfaceLanguages.ts';

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('nav.language')}</span>
      <span aria-hidden="true" className="language-switcher__icon">
        文A
      </span>
      <select
        value={locale}
        onChange={(e) => {
          if (isUiLocale(e.target.value)) setLocale(e.target.value);
        }}
        data-testid="language-switcher"
      >
        {INTERFACE_LANGUAGES.map(({ locale: l, name }) => (
          <option key={l} value={l} lang={l}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
