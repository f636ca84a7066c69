// The engine against our hand-labelled cases: in every locale, each signal that the cases
// mark at least once must reach F1 >= 0.9. A failure lists that signal's misses.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { LOCALES, describeMisses, loadCases, measureCases, type CaseMeasurement } from '../eval/ownCases.ts';
import { formatNumber } from '../eval/metrics.ts';

const MIN_F1 = 0.9;
const rubric = loadDefaultRubric();

for (const locale of LOCALES) {
  describe(`labelled cases, ${locale}`, () => {
    let measured: CaseMeasurement;
    try {
      measured = measureCases(rubric, loadCases(locale));
    } catch (error) {
      // Report a broken file or a crashing engine as this locale's failure, and keep the other locales running.
      it('loads and scores', () => {
        throw error;
      });
      return;
    }

    it('has cases', () => {
      expect(measured.cases).toBeGreaterThan(0);
    });

    const marked = measured.signals.filter((row) => row.positives > 0);
    it.each(marked.map((row) => [row.signal, row] as const))('%s reaches F1 >= 0.9', (signal, row) => {
      const misses = measured.misses.filter((m) => m.signal === signal);
      const message =
        `${locale} ${signal}: F1 ${formatNumber(row.f1)} (P ${formatNumber(row.precision)}, R ${formatNumber(row.recall)}, ` +
        `${row.positives} positives, ${row.fp} false positives, ${row.fn} false negatives)\n${describeMisses(misses)}\n`;
      expect(row.f1, message).toBeGreaterThanOrEqual(MIN_F1);
    });
  });
}
