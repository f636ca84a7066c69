/**
 * A persona's versions, newest first: each with where it came from (the shipped file or a
 * save) and who saved it when. An older one opens read-only beside the history, to compare
 * or to copy from; the draft in the editor is left as it is.
 */
import { useState } from 'react';
import type { Locale, PersonaVersionInfo } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { personaFiles } from './personaFilesApi.ts';
import { YamlEditor } from './YamlEditor.tsx';

interface Props {
  id: string;
  locale: Locale;
  versions: readonly PersonaVersionInfo[];
}

export function VersionHistory({ id, locale, versions }: Props) {
  const { t, locale: uiLocale } = useI18n();
  const [viewing, setViewing] = useState<number | null>(null);
  const when = new Intl.DateTimeFormat(uiLocale, { dateStyle: 'medium', timeStyle: 'short' });
  const latest = versions[0]?.version;

  return (
    <section className="card qa-history" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">{t('qa.history.title')}</h2>
      <ol className="qa-history__list">
        {versions.map((v) => (
          <li key={v.version} data-version={v.version} className={viewing === v.version ? 'qa-history__item qa-history__item--open' : 'qa-history__item'}>
            <span className="qa-history__version">{t('qa.version', { version: v.version })}</span>
            {v.version === latest ? (
              <span className="qa-badge">{t('qa.history.latest')}</span>
            ) : (
              <button type="button" className="button button--small" onClick={() => setViewing(viewing === v.version ? null : v.version)} aria-expanded={viewing === v.version}>
                {viewing === v.version ? t('qa.history.close') : t('qa.history.view')}
              </button>
            )}
            <span className="qa-history__who muted">
              {v.source === 'file' ? t('qa.source.file') : t('qa.history.savedBy', { name: v.savedBy ?? '?', time: v.savedAt ? when.format(new Date(v.savedAt)) : '' })}
            </span>
          </li>
        ))}
      </ol>
      {viewing !== null && <OldVersion key={viewing} id={id} locale={locale} version={viewing} />}
    </section>
  );
}

function OldVersion({ id, locale, version }: { id: string; locale: Locale; version: number }) {
  const { t } = useI18n();
  const source = useApiData((token) => personaFiles.version(token, id, locale, version), [id, locale, version]);
  if (source.status === 'loading') return <p className="muted">{t('qa.loading')}</p>;
  if (source.status === 'failed') return <p role="alert">{errorText(t, source.error)}</p>;
  return (
    <div className="qa-history__old" data-testid="old-version">
      <p className="muted">{t('qa.history.readOnly', { version })}</p>
      <YamlEditor value={source.data.text} label={t('qa.history.readOnly', { version })} />
    </div>
  );
}
