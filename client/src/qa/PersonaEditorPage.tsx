/**
 * One persona's page for QA, or a new persona: the draft in a form (the persona builder) or
 * as YAML in an editor (typed, or uploaded from a file), two tabs on the same text, checked
 * by the server as it changes with the problems listed by line, the save (only of valid
 * text, on top of the version it was edited from), the version history, the persona's own
 * tests, a try-out conversation with the saved version, and the ways to a new persona from
 * this one: a copy, or the same persona in another language written beside the original.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { LOCALES, type Locale, type PersonaProblem } from '../shared/contract.ts';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { navigate } from '../shared/router.ts';
import { FileUpload } from './FileUpload.tsx';
import { PersonaTests } from './PersonaTests.tsx';
import { ProblemList, problemLines } from './ProblemList.tsx';
import { RouteLink } from '../shared/RouteLink.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { TryOutButton } from './TryOutButton.tsx';
import { usePersonaCheck } from './usePersonaCheck.ts';
import { usePersonaDraft } from './usePersonaDraft.ts';
import { useUnsavedWarning } from './useUnsavedWarning.ts';
import { VersionHistory } from './VersionHistory.tsx';
import { useStartingText, type StartingFrom } from './useStartingText.ts';
import { YamlEditor, type YamlEditorHandle } from './YamlEditor.tsx';
import './qa.css';

const NO_PROBLEMS: PersonaProblem[] = [];
const PersonaForm = lazy(() => import('./form/PersonaForm.tsx'));

interface Props {
  /** Absent: a new persona, whose id and locale come from its text. */
  target: { id: string; locale: Locale } | null;
  /** A new persona made from an existing one (a copy, or another language of it). */
  from?: StartingFrom | null;
}

export function PersonaEditorPage({ target, from = null }: Props) {
  const { t } = useI18n();
  const draft = usePersonaDraft(target);
  const check = usePersonaCheck(draft.text);
  const editor = useRef<YamlEditorHandle>(null);
  const [view, setView] = useState<'form' | 'yaml'>('yaml');
  const [otherLocale, setOtherLocale] = useState<Locale | ''>('');
  const starting = useStartingText(target ? null : from);
  const { setText } = draft;
  useEffect(() => {
    if (starting.status === 'ready') setText(starting.text);
  }, [starting, setText]);
  useUnsavedWarning(draft.load.status === 'ready' && draft.text !== draft.savedText);

  if (draft.load.status === 'loading' || starting.status === 'loading') return <p className="muted">{t('qa.loading')}</p>;
  if (draft.load.status === 'failed') return <p role="alert">{errorText(t, draft.load.error)}</p>;
  if (starting.status === 'failed') return <p role="alert">{errorText(t, starting.error)}</p>;

  const empty = !draft.text.trim();
  const checked = check.current && !empty ? check.result : null;
  // A refused save's problems are the server's last word on this very text.
  const problems = draft.saveState.status === 'refused' ? draft.saveState.problems : (checked?.problems ?? NO_PROBLEMS);
  const valid = checked?.ok === true && draft.saveState.status !== 'refused';
  const says = checked?.id && checked.locale ? { id: checked.id, locale: checked.locale } : null;
  const saveTo = target ?? says;
  const mismatch = target && says && (says.id !== target.id || says.locale !== target.locale);
  const unchanged = target !== null && draft.text === draft.savedText;
  // After a conflict over an existing persona only loading the newest version leads on: any
  // save would conflict again. A new persona's conflict (its id is taken) ends with another id.
  const stale = target !== null && draft.saveState.status === 'conflict';
  const canSave = valid && !mismatch && saveTo !== null && !unchanged && !stale && draft.saveState.status !== 'saving';

  async function save() {
    if (!saveTo) return;
    const saved = await draft.save(saveTo.id, saveTo.locale);
    // A new persona has an address of its own once saved.
    if (saved && !target) navigate({ page: 'qa-persona', personaId: saveTo.id, locale: saveTo.locale }, { replace: true });
  }

  let status: string;
  if (empty) status = t('qa.check.empty');
  else if (!check.current) status = t('qa.check.checking');
  else if (check.error) status = errorText(t, check.error);
  else if (draft.saveState.status === 'refused') status = t('qa.check.refused', { count: problems.length });
  else if (valid) status = t('qa.check.valid');
  else status = t('qa.check.invalid', { count: problems.length });

  return (
    <article className="qa-editor" aria-labelledby="editor-title">
      <p>
        <RouteLink route={{ page: 'qa-personas' }}>{t('qa.back')}</RouteLink>
      </p>
      <header className="qa-editor__head">
        <div>
          <p className="eyebrow">
            {target
              ? t('qa.editor.eyebrow')
              : from?.to
                ? t('qa.editor.translationEyebrow', { id: from.personaId })
                : from
                  ? t('qa.editor.copyEyebrow', { id: from.personaId, locale: from.locale })
                  : t('qa.editor.newEyebrow')}
          </p>
          <h1 id="editor-title">
            {target ? `${target.id} · ${target.locale}` : says ? `${says.id} · ${says.locale}` : t('qa.editor.newTitle')}
          </h1>
          {target && (
            <p className="muted" data-testid="current-version">
              {t('qa.editor.editingFrom', { version: draft.baseVersion })}
            </p>
          )}
        </div>
        <div className="qa-editor__actions">
          <FileUpload onText={draft.setText} />
          <button type="button" className="button button--primary" onClick={save} disabled={!canSave} data-testid="save">
            {draft.saveState.status === 'saving' ? t('qa.save.saving') : t('qa.save.label')}
          </button>
          {target && <TryOutButton id={target.id} locale={target.locale} disabled={draft.baseVersion === 0} />}
          {target && draft.baseVersion > 0 && (
            <>
              <button type="button" className="button" data-testid="duplicate" onClick={() => navigate({ page: 'qa-new', from: { personaId: target.id, locale: target.locale } })}>
                {t('qa.editor.duplicate')}
              </button>
              <span className="qa-editor__language">
                <select aria-label={t('qa.editor.addLanguage')} value={otherLocale} onChange={(e) => setOtherLocale(e.target.value as Locale | '')} data-testid="language-to-add">
                  <option value="" />
                  {LOCALES.filter((l) => l !== target.locale).map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button"
                  data-testid="add-language"
                  disabled={!otherLocale}
                  onClick={() => otherLocale && navigate({ page: 'qa-new', from: { personaId: target.id, locale: target.locale, to: otherLocale } })}
                >
                  {t('qa.editor.addLanguage')}
                </button>
              </span>
            </>
          )}
        </div>
      </header>

      <SaveStatus state={draft.saveState} onReload={draft.reload} isNew={target === null} />
      {target && !unchanged && draft.baseVersion > 0 && <p className="muted qa-editor__note">{t('qa.tryout.savedOnly', { version: draft.baseVersion })}</p>}

      <div className="qa-editor__grid">
        <section className="qa-editor__main" aria-label={t('qa.editor.label')}>
          <div role="tablist" aria-label={t('qa.tabs.label')} className="qa-editor__tabs">
            {(['form', 'yaml'] as const).map((tab) => (
              <button key={tab} type="button" role="tab" aria-selected={view === tab} className="qa-editor__tab" data-testid={`tab-${tab}`} onClick={() => setView(tab)}>
                {t(`qa.tabs.${tab}`)}
              </button>
            ))}
          </div>
          <div className={starting.status === 'ready' && from?.to ? 'qa-editor__pair' : undefined}>
            {starting.status === 'ready' && from?.to && (
              <div data-testid="original">
                <p className="muted">{t('qa.editor.original', { locale: from.locale })}</p>
                <YamlEditor value={starting.original} label={t('qa.editor.original', { locale: from.locale })} />
              </div>
            )}
            <div>
              {view === 'form' ? (
                <Suspense fallback={<p className="muted">{t('qa.form.loading')}</p>}>
                  <PersonaForm text={draft.text} onChange={draft.setText} problems={problems} />
                </Suspense>
              ) : (
                <>
                  <YamlEditor
                    ref={editor}
                    value={draft.text}
                    onChange={draft.setText}
                    marked={problemLines(problems, t)}
                    label={t('qa.editor.label')}
                    placeholder={t('qa.editor.placeholder')}
                    testId="persona-text"
                  />
                  <p className="muted qa-editor__keys">{t('qa.editor.keys')}</p>
                </>
              )}
            </div>
          </div>
        </section>
        <aside className="qa-editor__side">
          <section className="card qa-check" aria-labelledby="check-title">
            <h2 id="check-title">{t('qa.check.title')}</h2>
            <p className={valid ? 'qa-check__status qa-check__status--valid' : 'qa-check__status'} data-testid="check-status" aria-live="polite">
              {status}
            </p>
            {mismatch && <p className="form__error">{t('qa.check.mismatch', { id: target.id, locale: target.locale })}</p>}
            {problems.length > 0 && (
              <ProblemList
                problems={problems}
                onGoTo={(line) => {
                  if (view === 'yaml') return editor.current?.goToLine(line);
                  // The line is in the YAML: show it there, once the editor is back.
                  setView('yaml');
                  requestAnimationFrame(() => editor.current?.goToLine(line));
                }}
              />
            )}
          </section>
          {target && draft.versions.length > 0 && <VersionHistory id={target.id} locale={target.locale} versions={draft.versions} />}
        </aside>
      </div>

      <PersonaTests target={saveTo} text={draft.text} disabled={!valid || mismatch === true} />
    </article>
  );
}
