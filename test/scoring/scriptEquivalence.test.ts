/**
 * Simplified and Traditional give the same signals: every Chinese labelled case, converted
 * to the other script, is scored again and must fire the same signals, with evidence that
 * slices the converted text itself.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { simplify, traditionalize } from '../../server/text/script.ts';
import type { Locale, Transcript } from '../../server/scoring/types.ts';
import { loadCases } from '../eval/ownCases.ts';

const rubric = loadDefaultRubric();

function transcript(locale: Locale, customer: string[], reply: string): Transcript {
  return {
    locale,
    turns: [...customer.map((text) => ({ role: 'customer' as const, text })), { role: 'trainee' as const, text: reply }],
  };
}

const directions: { from: Locale; to: Locale; convert: (s: string) => string }[] = [
  { from: 'zh-Hans', to: 'zh-Hant', convert: traditionalize },
  { from: 'zh-Hant', to: 'zh-Hans', convert: simplify },
];

describe.each(directions)('$from cases written in $to', ({ from, to, convert }) => {
  const cases = loadCases(from);

  it('fire the same signals', () => {
    const differences: string[] = [];
    for (const c of cases) {
      const original = scoreTranscript(rubric, transcript(from, c.customer, c.reply)).turns[0]!;
      const converted = scoreTranscript(rubric, transcript(to, c.customer.map(convert), convert(c.reply))).turns[0]!;
      if (original.signals.join() !== converted.signals.join()) {
        differences.push(`${c.id}: ${original.signals.join(', ')} ≠ ${converted.signals.join(', ')}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('give evidence that slices the converted text', () => {
    for (const c of cases) {
      const reply = convert(c.reply);
      const scored = scoreTranscript(rubric, transcript(to, c.customer.map(convert), reply)).turns[0]!;
      for (const criterion of Object.values(scored.criteria)) {
        for (const e of criterion.evidence) expect(reply.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });
});
