// Regular-expression detectors (server/scoring/detectors/pattern.ts). With the default rubric:
// negated understanding of the customer's feeling is dismissive, a request to repeat is not.
// With a one-signal rubric: patterns run on the normalised text, and a bad one fails at load.
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, loadDefaultRubric, readRubricFile } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import { compileRubric } from '../../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../../server/scoring/rubric/schema.ts';
import type { Locale, TurnScore } from '../../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const base = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));

function reply(locale: Locale, text: string, r = rubric): TurnScore {
  return scoreTranscript(r, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;
}

/** A rubric file whose only signal, `test.hit`, is found by the given patterns. */
function withPatterns(patterns: { zh?: string[]; en?: string[] }): unknown {
  return {
    ...base,
    // No process: its steps name signals this rubric does not have.
    processes: {},
    classifiers: [],
    signals: [
      {
        id: 'test.hit',
        criterion: 'empathy',
        points: -10,
        label: { en: 'hit', 'zh-Hans': '命中', 'zh-Hant': '命中' },
        detectors: [{ type: 'pattern', patterns }],
        feedback: { present: { en: 'hit: {evidence}', zh: '命中：{evidence}' } },
        coaching: { rank: 1, stop: { en: 'hit: {evidence}', zh: '命中：{evidence}' } },
      },
    ],
  };
}

describe('negated understanding of feelings (default rubric)', () => {
  it('我不明白您為什麼這麼生氣 is dismissive, not empathy', () => {
    const turn = reply('zh-Hant', '我不明白您為什麼這麼生氣。');
    expect(turn.signals).toContain('empathy.dismissive');
    expect(turn.signals).not.toContain('empathy.emotion');
    expect(turn.criteria.empathy.evidence.map((e) => e.text)).toEqual(['不明白您為什麼這麼生氣']);
  });

  it('我不明白您为什么这么生气 is dismissive in Simplified too', () => {
    const turn = reply('zh-Hans', '我不明白您为什么这么生气。');
    expect(turn.signals).toContain('empathy.dismissive');
    expect(turn.signals).not.toContain('empathy.emotion');
  });

  it('"I don\'t understand why you\'re so upset" is dismissive, not empathy', () => {
    const turn = reply('en', "I don't understand why you're so upset.");
    expect(turn.signals).toContain('empathy.dismissive');
    expect(turn.signals).not.toContain('empathy.emotion');
    expect(turn.criteria.empathy.evidence.map((e) => e.text)).toEqual(["don't understand why you're so upset"]);
  });

  it('matches with curly apostrophes, and the evidence keeps them', () => {
    const turn = reply('en', 'I don’t understand why you’re so upset.');
    expect(turn.signals).toContain('empathy.dismissive');
    expect(turn.criteria.empathy.evidence.map((e) => e.text)).toEqual(['don’t understand why you’re so upset']);
  });

  it('costs most of the empathy score', () => {
    expect(reply('zh-Hant', '我不明白您為什麼這麼生氣。').criteria.empathy.score).toBeLessThan(reply('zh-Hant', '好的。').criteria.empathy.score);
  });

  it('a clarification is not dismissive', () => {
    expect(reply('en', "Sorry, I didn't quite understand, could you say that again?").signals).not.toContain('empathy.dismissive');
    expect(reply('zh-Hant', '不好意思，我沒聽明白，您能再說一遍嗎？').signals).not.toContain('empathy.dismissive');
  });

  it('not understanding the facts is not dismissive', () => {
    expect(reply('en', "I don't understand why the payment was taken twice. Let me check.").signals).not.toContain('empathy.dismissive');
    expect(reply('zh-Hant', '我不明白您為什麼要提前還款，能說說嗎？').signals).not.toContain('empathy.dismissive');
  });
});

describe('pattern detector', () => {
  it('runs on the normalised text: a Simplified pattern finds Traditional and full-width input', () => {
    const r = compileRubric(RubricFile.parse(withPatterns({ zh: ['多扣了\\d+元'], en: ['charged \\d+ times'] })));
    expect(reply('zh-Hant', '系統多扣了５００元。', r).criteria.empathy.evidence.map((e) => e.text)).toEqual(['多扣了５００元']);
    expect(reply('en', 'You were CHARGED 2 times.', r).criteria.empathy.evidence.map((e) => e.text)).toEqual(['CHARGED 2 times']);
  });

  it('a pattern that does not compile fails when the rubric loads, naming its place', () => {
    const parsed = RubricFile.safeParse(withPatterns({ zh: ['(unclosed'] }));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual(['signals', 0, 'detectors', 0, 'patterns', 'zh', 0]);
    expect(issue.message).toMatch(/not a valid regular expression/);
  });
});
