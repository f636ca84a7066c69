/** The interface language menu, each language named in itself. The choice is remembered. */
import { type Locale } from '../contract.ts';
import { useI18n } from './I18nProvider.tsx';
import { LocaleOptions } from './LocaleOptions.tsx';

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('nav.language')}</span>
      <span aria-hidden="true" className="language-switcher__icon">
        文A
      </span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-switcher">
        <LocaleOptions />
      </select>
    </label>
  );
}
