/**
 * The persona YAML in CodeMirror 6: highlighting, the server's problems as lint diagnostics
 * on their lines (and a gutter mark), completion and hover help from the persona's JSON
 * Schema (personas/persona.schema.json, generated from the zod schema), and wrapped lines so
 * a long Chinese sentence stays on screen. Loaded only when a QA page shows an editor
 * (YamlEditor.tsx imports this file lazily): a trainee's browser never downloads it.
 *
 * The schema's own linter is left out on purpose: the server's check is the one authority,
 * and it words its problems in the interface language; two voices would disagree.
 */
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, placeholder as placeholderText } from '@codemirror/view';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import { useEffect, useImperativeHandle, useRef } from 'react';
import schema from '../../../../personas/persona.schema.json';
import type { YamlEditorProps } from './yamlEditorProps.ts';

/** The problems as diagnostics spanning their whole line; a line past the end marks the last. */
export function lineDiagnostics(doc: Text, marked: ReadonlyMap<number, string>): Diagnostic[] {
  return [...marked].map(([number, message]) => {
    const line = doc.line(Math.min(Math.max(number, 1), doc.lines));
    return { from: line.from, to: line.to, severity: 'error', message };
  });
}

/**
 * The editor's look, as a CodeMirror theme: page style sheets do not reach into the shadow
 * root the editor lives in (custom properties such as --muted do).
 */
const frame = EditorView.theme({
  '&': { height: '100%' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace", lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#eef1f2', color: 'var(--muted)', borderRight: '0' },
});

export default function YamlCodeMirror({ value, onChange, marked, label, placeholder, ref, testId }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest onChange, read by the update listener the view was made with.
  const changed = useRef(onChange);
  changed.current = onChange;
  const editable = useRef(new Compartment());

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        basicSetup,
        frame,
        EditorState.tabSize.of(2),
        EditorView.lineWrapping,
        yaml(),
        yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
        hoverTooltip(yamlSchemaHover()),
        stateExtensions(schema as Parameters<typeof stateExtensions>[0]),
        lintGutter(),
        keymap.of([indentWithTab]),
        placeholder ? placeholderText(placeholder) : [],
        EditorView.contentAttributes.of({ 'aria-label': label, ...(testId ? { 'data-testid': testId } : {}) }),
        editable.current.of([EditorState.readOnly.of(!changed.current), EditorView.editable.of(!!changed.current)]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed.current?.(update.state.doc.toString());
        }),
      ],
    });
    // In a shadow root, CodeMirror's styles go in as constructed style sheets rather than
    // <style> elements, which the Content-Security-Policy (style-src 'self') refuses.
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const made = new EditorView({ state, root, parent: root });
    view.current = made;
    return () => {
      made.destroy();
      view.current = null;
    };
    // The view is made once; later values arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Text from elsewhere (an upload, a reload, the form): replace the document, keep history.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(!onChange), EditorView.editable.of(!!onChange)]) });
  }, [onChange]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, lineDiagnostics(v.state.doc, marked ?? new Map())));
  }, [marked]);

  useImperativeHandle(ref, () => ({
    goToLine(number: number) {
      const v = view.current;
      if (!v) return;
      const line = v.state.doc.line(Math.min(Math.max(number, 1), v.state.doc.lines));
      v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      v.focus();
    },
  }));

  const lines = marked ? [...marked.keys()].sort((a, b) => a - b).join(' ') : '';
  // data-marked-lines: the lines with a problem, which CodeMirror draws only when on screen.
  return <div ref={host} className={`yaml-editor${onChange ? '' : ' yaml-editor--readonly'}`} data-marked-lines={lines} />;
}
