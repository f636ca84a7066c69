/**
 * A persona's YAML in a code editor (codeEditor/YamlCodeMirror.tsx): the editor is loaded
 * the first time a QA page shows one, so neither the trainee's pages nor the persona library
 * carry its weight. Lines with a problem are marked; `ref.goToLine(n)` puts the cursor at
 * the start of a line and scrolls it into view, for the problem list.
 *
 * Tab indents; Escape first lets the next Tab leave the editor, so keyboard users are never
 * trapped (CodeMirror's own rule).
 */
import { lazy, Suspense } from 'react';
import type { YamlEditorHandle, YamlEditorProps } from './codeEditor/yamlEditorProps.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

export type { YamlEditorHandle, YamlEditorProps };

const YamlCodeMirror = lazy(() => import('./codeEditor/YamlCodeMirror.tsx'));

export function YamlEditor(props: YamlEditorProps) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className={`yaml-editor yaml-editor--loading${props.onChange ? '' : ' yaml-editor--readonly'}`}>{t('qa.editor.loading')}</p>}>
      <YamlCodeMirror {...props} />
    </Suspense>
  );
}
