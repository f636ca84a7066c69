/**
 * The persona form's controls, each bound to one field of the draft by its path: a text, a
 * list of lines (one a row), a choice, a slider, a whole number, a yes/no. Each reads the
 * field from the document, writes it back through personaYaml.ts, is labelled the way the
 * problem list names the field (fieldLabel.ts), and shows the check's problems for it below.
 */
import { createContext, useContext, useId, type ReactNode } from 'react';
import type { Document } from 'yaml';
import type { PersonaProblem } from '../../shared/contract.ts';
import { useI18n } from '../../shared/i18n/I18nProvider.tsx';
import { fieldKey } from '../fieldLabel.ts';
import { problemText } from '../problemText.ts';
import { valueAt, type FieldPath } from './personaYaml.ts';

export interface FormDraft {
  doc: Document;
  set(path: FieldPath, value: unknown): void;
  problems: readonly PersonaProblem[];
}

export const FormContext = createContext<FormDraft | null>(null);

function useDraft(): FormDraft {
  const draft = useContext(FormContext);
  if (!draft) throw new Error('a persona form control outside PersonaForm');
  return draft;
}

/** "reveals[1].say", as the server names a field. */
export function pathName(path: FieldPath): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** The form's label for a path: its catalogue label, else the key itself (a fact's or signal's name). */
function useLabel(path: FieldPath, label?: string): string {
  const { t } = useI18n();
  if (label) return label;
  const key = fieldKey(path.filter((k) => typeof k === 'string').join('.'));
  return key ? t(key) : String(path[path.length - 1]);
}

function FieldProblems({ path }: { path: FieldPath }) {
  const { t } = useI18n();
  const { problems } = useDraft();
  const name = pathName(path);
  const mine = problems.filter((p) => p.field === name || p.field?.startsWith(`${name}.`) || p.field?.startsWith(`${name}[`));
  if (mine.length === 0) return null;
  return (
    <ul className="persona-form__problems" data-testid="field-problems">
      {mine.map((p, i) => (
        <li key={i}>{problemText(p, t)}</li>
      ))}
    </ul>
  );
}

function Field({ path, label, children, id }: { path: FieldPath; label?: string; children: ReactNode; id: string }) {
  const text = useLabel(path, label);
  return (
    <div className="persona-form__field" data-field={pathName(path)}>
      <label htmlFor={id}>{text}</label>
      {children}
      <FieldProblems path={path} />
    </div>
  );
}

export function TextField({ path, label, long = false }: { path: FieldPath; label?: string; long?: boolean }) {
  const { doc, set } = useDraft();
  const id = useId();
  const value = valueAt(doc, path);
  const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return (
    <Field path={path} label={label} id={id}>
      {long ? (
        <textarea id={id} value={shown} rows={3} onChange={(e) => set(path, e.target.value)} />
      ) : (
        <input id={id} value={shown} onChange={(e) => set(path, e.target.value)} />
      )}
    </Field>
  );
}

/** A list of sentences, one a row: the customer picks one of them. Empty rows are left out. */
export function LinesField({ path, label }: { path: FieldPath; label?: string }) {
  const { doc, set } = useDraft();
  const id = useId();
  const value = valueAt(doc, path);
  const lines = Array.isArray(value) ? value.map(String) : [];
  return (
    <Field path={path} label={label} id={id}>
      <textarea
        id={id}
        value={lines.join('\n')}
        rows={Math.max(2, lines.length + 1)}
        onChange={(e) => set(path, e.target.value.split('\n').filter((l, i, all) => l.trim() !== '' || i === all.length - 1))}
      />
    </Field>
  );
}

export function ChoiceField({ path, options, label }: { path: FieldPath; options: readonly string[]; label?: string }) {
  const { doc, set } = useDraft();
  const id = useId();
  const value = valueAt(doc, path);
  return (
    <Field path={path} label={label} id={id}>
      <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => set(path, e.target.value)}>
        {typeof value !== 'string' && <option value="" />}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function SliderField({ path, min, max, step = 0.5, label }: { path: FieldPath; min: number; max: number; step?: number; label?: string }) {
  const { doc, set } = useDraft();
  const id = useId();
  const value = valueAt(doc, path);
  const shown = typeof value === 'number' ? value : null;
  return (
    <Field path={path} label={label} id={id}>
      <span className="persona-form__slider">
        <input id={id} type="range" min={min} max={max} step={step} value={shown ?? 0} onChange={(e) => set(path, Number(e.target.value))} />
        <output htmlFor={id}>{shown ?? '—'}</output>
      </span>
    </Field>
  );
}

export function NumberField({ path, min = 1, label }: { path: FieldPath; min?: number; label?: string }) {
  const { doc, set } = useDraft();
  const id = useId();
  const value = valueAt(doc, path);
  return (
    <Field path={path} label={label} id={id}>
      <input
        id={id}
        type="number"
        min={min}
        step={1}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => set(path, e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </Field>
  );
}

export function CheckField({ path, label }: { path: FieldPath; label?: string }) {
  const { doc, set } = useDraft();
  const id = useId();
  const text = useLabel(path, label);
  return (
    <div className="persona-form__field persona-form__field--check" data-field={pathName(path)}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={valueAt(doc, path) === true} onChange={(e) => set(path, e.target.checked ? true : undefined)} /> {text}
      </label>
      <FieldProblems path={path} />
    </div>
  );
}
