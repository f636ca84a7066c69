/**
 * The persona library for QA (`GET /api/persona-files`): every persona file and saved
 * persona, valid or not (with how many problems), its version, where it comes from, who
 * saved it and when, and how many tests it carries. Filters by language and status; each
 * row leads to the persona's page, and "New persona" to an empty one.
 */
import { useState } from 'react';
import { type Locale, type PersonaFileListItem } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { problemText } from './problemText.ts';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { LocaleOptions } from '../shared/components/LocaleOptions.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { personaFiles } from './personaFilesApi.ts';
import { RouteLink } from '../shared/RouteLink.tsx';
import './qa.css';

type StatusFilter = 'all' | PersonaFileListItem['status'];

export function PersonaLibrary() {
  const { t, locale: uiLocale } = useI18n();
  const files = useApiData(personaFiles.list, []);
  const [locale, setLocale] = useState<'all' | Locale>('all');
  const [status, setStatus] = useState<StatusFilter>('all');

  if (files.status === 'loading') return <p className="muted">{t('qa.loading')}</p>;
  if (files.status === 'failed') return <p role="alert">{errorText(t, files.error)}</p>;

  const when = new Intl.DateTimeFormat(uiLocale, { dateStyle: 'medium', timeStyle: 'short' });
  const shown = files.data
    .filter((f) => (locale === 'all' || f.locale === locale) && (status === 'all' || f.status === status))
    .sort((a, b) => a.id.localeCompare(b.id) || a.locale.localeCompare(b.locale));
  const invalid = files.data.filter((f) => f.status === 'invalid').length;

  return (
    <section className="qa-library" aria-labelledby="library-title">
      <header className="qa-library__head">
        <div>
          <h1 id="library-title">{t('qa.library.title')}</h1>
          <p className="muted">{t('qa.library.intro')}</p>
        </div>
        <RouteLink route={{ page: 'qa-new' }} className="button button--primary">
          {t('qa.library.new')}
        </RouteLink>
      </header>

      <div className="filters" role="group" aria-label={t('qa.library.filters')}>
        <label className="field field--inline">
          <span>{t('qa.library.locale')}</span>
          <select name="locale" value={locale} onChange={(e) => setLocale(e.target.value as 'all' | Locale)}>
            <option value="all">{t('qa.library.all')}</option>
            <LocaleOptions />
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('qa.library.status')}</span>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">{t('qa.library.all')}</option>
            <option value="valid">{t('qa.status.valid')}</option>
            <option value="invalid">{t('qa.status.invalid')}</option>
          </select>
        </label>
      </div>
      <p className="muted" aria-live="polite">
        {t('qa.library.count', { shown: shown.length, count: files.data.length, invalid })}
      </p>

      {shown.length === 0 ? (
        <p>{t('qa.library.empty')}</p>
      ) : (
        <div className="qa-table-wrap">
          <table className="qa-table" data-testid="persona-files">
            <thead>
              <tr>
                <th scope="col">{t('qa.library.persona')}</th>
                <th scope="col">{t('qa.library.locale')}</th>
                <th scope="col">{t('qa.library.status')}</th>
                <th scope="col">{t('qa.library.version')}</th>
                <th scope="col">{t('qa.library.source')}</th>
                <th scope="col">{t('qa.library.saved')}</th>
                <th scope="col">{t('qa.library.tests')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={`${f.id}/${f.locale}`} data-persona={f.id} data-locale={f.locale} data-status={f.status} data-retired={f.retired}>
                  <td>
                    <RouteLink route={{ page: 'qa-persona', personaId: f.id, locale: f.locale }} className="qa-table__name">
                      <span lang={f.locale}>{f.name ?? f.id}</span>
                    </RouteLink>
                    <span className="qa-table__id muted">{f.id}</span>
                  </td>
                  <td lang={f.locale}>{LOCALE_NAMES[f.locale]}</td>
                  <td>
                    <span className={`qa-badge qa-badge--${f.status}`} title={f.problems.map((p) => `${p.line ?? '?'}: ${problemText(p, t)}`).join('\n')}>
                      {f.status === 'valid' ? t('qa.status.valid') : t('qa.status.invalidCount', { count: f.problems.length })}
                    </span>
                    {f.retired && <span className="qa-badge qa-badge--retired">{t('qa.status.retired')}</span>}
                  </td>
                  <td data-testid="version">{f.version ?? '—'}</td>
                  <td>{f.source === 'file' ? t('qa.source.file') : t('qa.source.saved')}</td>
                  <td>{f.savedBy ? t('qa.library.savedBy', { name: f.savedBy, time: f.savedAt ? when.format(new Date(f.savedAt)) : '' }) : '—'}</td>
                  <td>{f.tests}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
