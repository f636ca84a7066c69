// The matching form of a reply (server/text/normalize.ts): both Chinese scripts and
// full-width or curly typing match alike, and evidence still slices what the trainee typed.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { normalize, toOriginalSpan } from '../../server/text/normalize.ts';
import type { Evidence, Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

/** Every piece of evidence in the report for a one-reply transcript. */
function evidenceFor(locale: Locale, text: string): Evidence[] {
  const [turn] = scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns;
  return Object.values(turn!.criteria).flatMap((c) => c.evidence);
}

function expectEvidenceSlicesOriginal(text: string, evidence: Evidence[]): void {
  expect(evidence.length).toBeGreaterThan(0);
  for (const e of evidence) {
    expect(e.start).toBeLessThan(e.end);
    expect(e.text).toBe(text.slice(e.start, e.end));
  }
}

describe('normalize', () => {
  it('gives Traditional and Simplified text the same matching form', () => {
    const hant = normalize('我兩個星期前就申請了貸款，到現在還沒放款！');
    const hans = normalize('我两个星期前就申请了贷款，到现在还没放款！');
    expect(hant.norm).toBe(hans.norm);
    expect(hant.original).toBe('我兩個星期前就申請了貸款，到現在還沒放款！');
  });

  it('folds full-width punctuation and letters to half-width lower case', () => {
    expect(normalize('請問ＡＰＲ是多少？').norm).toBe('请问apr是多少?');
    expect(normalize('好的，明白！').norm).toBe('好的,明白!');
    expect(normalize('What is the ＡＰＲ？').norm).toBe('what is the apr?');
  });

  it('straightens curly apostrophes', () => {
    expect(normalize('I’m sorry, I didn‘t know').norm).toBe("i'm sorry, i didn't know");
  });

  it('keeps one norm offset per original offset when nothing changes length', () => {
    for (const text of ['😡我理解您的心情', '𠮷野先生，您好', 'I’m ＳＯ sorry？']) {
      const n = normalize(text);
      expect(n.norm.length).toBe(text.length);
      expect(toOriginalSpan(n, 1, 3)).toEqual([1, 3]);
    }
  });
});

describe('evidence offsets point into the original reply', () => {
  it('for a Traditional reply', () => {
    const text = '非常抱歉讓您久等了，這件事我來幫您處理。';
    const evidence = evidenceFor('zh-Hant', text);
    expectEvidenceSlicesOriginal(text, evidence);
    expect(evidence.some((e) => e.text.endsWith('我來幫您處理'))).toBe(true);
  });

  it('for a reply starting with an emoji (a surrogate pair)', () => {
    const text = '🙏🙏 非常抱歉讓您久等了。';
    const evidence = evidenceFor('zh-Hant', text);
    expectEvidenceSlicesOriginal(text, evidence);
    expect(evidence.some((e) => e.text.startsWith('抱歉'))).toBe(true);
  });

  it('for a reply holding a CJK character outside the BMP (𠮷)', () => {
    const text = '𠮷田先生，非常抱歉讓您久等了。';
    const evidence = evidenceFor('zh-Hant', text);
    expectEvidenceSlicesOriginal(text, evidence);
    expect(evidence.some((e) => e.text.startsWith('抱歉'))).toBe(true);
  });

  it('for a name whose Simplified form lies outside the BMP (暐 → 𬀩 changes the length)', () => {
    const text = '陳暐先生，我理解您的著急。';
    expect(normalize(text).norm.length).toBe(text.length + 1);
    const evidence = evidenceFor('zh-Hant', text);
    expectEvidenceSlicesOriginal(text, evidence);
    expect(evidence.map((e) => e.text)).toContain('理解您的著急');
  });

  it('for full-width punctuation and letters', () => {
    const text = '您的ＡＰＲ是百分之十二，請問還有什麼問題？';
    const evidence = evidenceFor('zh-Hant', text);
    expectEvidenceSlicesOriginal(text, evidence);

    const en = 'Your ＡＰＲ is 12％ for this loan.';
    const jargon = evidenceFor('en', en).filter((e) => e.signal === 'plain.jargon');
    expectEvidenceSlicesOriginal(en, jargon);
    expect(jargon.map((e) => e.text)).toEqual(['ＡＰＲ']);
  });

  it('for curly apostrophes', () => {
    const text = 'I’m so sorry for the wait. I’ll take care of this for you.';
    const evidence = evidenceFor('en', text);
    expectEvidenceSlicesOriginal(text, evidence);
    expect(evidence.map((e) => e.text)).toContain('I’m so sorry');
  });
});

describe('toOriginalSpan', () => {
  it('maps a span after an expanded character back to the same characters', () => {
    const n = normalize('陳暐先生');
    expect(n.norm).toBe('陈𬀩先生');
    const at = n.norm.indexOf('先生');
    const [s, e] = toOriginalSpan(n, at, at + 2);
    expect(n.original.slice(s, e)).toBe('先生');
  });

  it('maps an expanded character to the whole original character', () => {
    const n = normalize('陳暐先生');
    const [s, e] = toOriginalSpan(n, 1, 3);
    expect(n.original.slice(s, e)).toBe('暐');
  });

  it('widens a span starting inside an expanded character to that whole character', () => {
    const n = normalize('İ loan');
    expect(n.norm).toBe('i̇ loan');
    const [s, e] = toOriginalSpan(n, 1, 2);
    expect(n.original.slice(s, e)).toBe('İ');
  });

  it('clamps a span at the end of the text', () => {
    const n = normalize('陳暐先生');
    expect(toOriginalSpan(n, n.norm.length, n.norm.length)).toEqual([4, 4]);
  });

  // A span ending inside a character whose normal form is two code units is widened to
  // the whole character, never cut short.
  it('widens a span ending inside an expanded character (İ → i̇) to that whole character', () => {
    const dotted = normalize('İ');
    const [s, e] = toOriginalSpan(dotted, 0, 1);
    expect(dotted.original.slice(s, e)).toBe('İ');
  });

  it('widens a span ending inside an expanded character (暐 → 𬀩) to that whole character', () => {
    const name = normalize('陳暐');
    const [s, e] = toOriginalSpan(name, 0, 2);
    expect(name.original.slice(s, e)).toBe('陳暐');
  });
});

describe('script-independent matching', () => {
  // One character that changes length (暐 → 𬀩) must not cost the rest of the reply its
  // phrase conversions (瞭解 → 了解): the same words give the same signals.
  it('a Traditional reply with a rare name character gives the same signals', () => {
    const signals = (text: string): string[] =>
      scoreTranscript(rubric, { locale: 'zh-Hant', turns: [{ role: 'trainee', text }] }).turns[0]!.signals;
    expect(signals('王先生，我先幫您瞭解一下情況。')).toContain('complaint.investigate');
    expect(signals('王暐先生，我先幫您瞭解一下情況。')).toContain('complaint.investigate');
  });
});
