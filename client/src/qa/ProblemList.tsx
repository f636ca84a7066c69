/**
 * What is wrong with the persona text, line by line: "line 12 · mood.initial.anger: …".
 * Each problem with a line is a button that takes the cursor there. Messages may quote the
 * persona's own words: they are text nodes, never markup.
 */
import type { PersonaProblem } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { problemText, type Translate } from './problemText.ts';

export function ProblemList({ problems, onGoTo }: { problems: readonly PersonaProblem[]; onGoTo(line: number): void }) {
  const { t } = useI18n();
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return (
    <ul className="problem-list" data-testid="problems">
      {sorted.map((p, i) => {
        const what = problemText(p, t);
        return (
          <li key={i} data-line={p.line ?? ''}>
            {p.line !== undefined ? (
              <button type="button" className="problem-list__go" onClick={() => onGoTo(p.line!)}>
                <span className="problem-list__line">{t('qa.problems.line', { line: p.line })}</span>
                <span className="problem-list__sep" aria-hidden="true">
                  {' · '}
                </span>
                <span className="problem-list__what">{what}</span>
              </button>
            ) : (
              <span className="problem-list__what">{what}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The problems keyed by line, for the editor's gutter: several on one line read as one. */
export function problemLines(problems: readonly PersonaProblem[], t: Translate): Map<number, string> {
  const lines = new Map<number, string>();
  for (const p of problems) {
    if (p.line === undefined) continue;
    const what = problemText(p, t);
    lines.set(p.line, lines.has(p.line) ? `${lines.get(p.line)}\n${what}` : what);
  }
  return lines;
}
