/**
 * What a YAML editor takes (YamlEditor.tsx, which loads codeEditor/YamlCodeMirror.tsx lazily):
 * its own file, so the lazy editor and its loader share it without importing each other.
 */
import type { Ref } from 'react';

export interface YamlEditorHandle {
  goToLine(line: number): void;
}

export interface YamlEditorProps {
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
