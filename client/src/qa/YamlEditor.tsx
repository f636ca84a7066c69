/**
 * A persona's YAML in a plain textarea with a line-number gutter: monospace, no wrapping (so
 * each line sits beside its number), Tab indents with two spaces as YAML wants. Lines with
 * a problem are marked in the gutter. `ref.goToLine(n)` puts the cursor at the start of a
 * line and scrolls it into view, for the problem list.
 *
 * Tab inside the editor indents; Escape first lets the next Tab leave it, so keyboard users
 * are never trapped.
 */
import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';

export interface YamlEditorHandle {
  goToLine(line: number): void;
}

interface Props {
  value: string;
  /** Absent: read-only. */
  onChange?(text: string): void;
  /** The lines with problems (1-based), each with what is wrong there. */
  marked?: ReadonlyMap<number, string>;
  label: string;
  placeholder?: string;
  ref?: Ref<YamlEditorHandle>;
  testId?: string;
}

const INDENT = '  ';

export function YamlEditor({ value, onChange, marked, label, placeholder, ref, testId }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [leaving, setLeaving] = useState(false);
  const lineCount = value.split('\n').length;

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const el = area.current;
      if (!el) return;
      const lines = el.value.split('\n');
      const target = Math.min(Math.max(line, 1), lines.length);
      const offset = lines.slice(0, target - 1).reduce((sum, l) => sum + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(offset, offset);
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
      // A few lines of context above the one asked for.
      el.scrollTop = Math.max(0, (target - 4) * lineHeight);
      if (gutter.current) gutter.current.scrollTop = el.scrollTop;
    },
  }));

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') return setLeaving(true);
    if (e.key !== 'Tab') {
      if (leaving && e.key !== 'Shift') setLeaving(false);
      return;
    }
    if (e.shiftKey || leaving || !onChange) return;
    e.preventDefault();
    const el = e.currentTarget;
    // execCommand keeps the browser's undo history; where it is gone, insert by hand.
    if (!document.execCommand('insertText', false, INDENT)) {
      el.setRangeText(INDENT, el.selectionStart, el.selectionEnd, 'end');
      onChange(el.value);
    }
  }

  return (
    <div className={`yaml-editor${onChange ? '' : ' yaml-editor--readonly'}`}>
      <div className="yaml-editor__gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => {
          const problem = marked?.get(i + 1);
          return (
            <span key={i} className={problem ? 'yaml-editor__line yaml-editor__line--problem' : 'yaml-editor__line'} title={problem} data-line={i + 1}>
              {i + 1}
            </span>
          );
        })}
      </div>
      <textarea
        ref={area}
        className="yaml-editor__text"
        value={value}
        readOnly={!onChange}
        onChange={(e) => onChange?.(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setLeaving(false)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        aria-label={label}
        placeholder={placeholder}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        data-testid={testId}
      />
    </div>
  );
}
