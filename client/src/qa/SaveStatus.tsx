/**
 * What the last save did: the new version, the problems that stopped it (listed with the
 * check's), someone else's newer version (with the way to load it), a new persona whose id
 * is taken, or an error.
 */
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import type { SaveState } from './usePersonaDraft.ts';

/** `isNew`: the text is not a version of a persona opened here, so a conflict means its id is taken. */
export function SaveStatus({ state, onReload, isNew }: { state: SaveState; onReload(): void; isNew: boolean }) {
  const { t } = useI18n();
  switch (state.status) {
    case 'saved':
      return (
        <p className="notice qa-save qa-save--ok" role="status" data-testid="save-status">
          {t('qa.save.saved', { version: state.version })}
        </p>
      );
    case 'refused':
      return (
        <p className="form__error qa-save" role="alert" data-testid="save-status">
          {t('qa.save.refused')}
          {state.problems.length === 0 && ` ${state.message}`}
        </p>
      );
    case 'conflict':
      if (isNew) {
        return (
          <p className="form__error qa-save" role="alert" data-testid="save-status">
            {t('qa.save.exists')}
          </p>
        );
      }
      return (
        <div className="form__error qa-save qa-save--conflict" role="alert" data-testid="save-status">
          <p>{t('qa.save.conflict')}</p>
          <button type="button" className="button button--small" onClick={onReload}>
            {t('qa.save.reload')}
          </button>
        </div>
      );
    case 'failed':
      return (
        <p className="form__error qa-save" role="alert" data-testid="save-status">
          {errorText(t, state.error)}
        </p>
      );
    default:
      return null;
  }
}
