// Phrase lists (server/scoring/detectors/phrases.ts), each test with a one-signal rubric that
// borrows the default rubric's language cues: negation block / require / ignore, `unless`,
// `in`, `customer_said`, gaps and whole English words.
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, readRubricFile } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import { compileRubric, type CompiledRubric } from '../../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../../server/scoring/rubric/schema.ts';
import type { Locale } from '../../../server/scoring/types.ts';

const base = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));

/** A rubric whose only signal, `test.hit`, is found by the given phrases detector. */
function rubricWith(detector: Record<string, unknown>): CompiledRubric {
  return compileRubric(
    RubricFile.parse({
      ...base,
      // No process and no classifiers: they name signals this rubric does not have.
      processes: {},
      classifiers: [],
      signals: [
        {
          id: 'test.hit',
          criterion: 'empathy',
          points: 10,
          label: { en: 'hit', 'zh-Hans': '命中', 'zh-Hant': '命中' },
          detectors: [{ type: 'phrases', ...detector }],
          feedback: { present: { en: 'hit: {evidence}', zh: '命中：{evidence}' } },
          coaching: { rank: 1, keep: { en: 'hit: {evidence}', zh: '命中：{evidence}' } },
        },
      ],
    }),
  );
}

/** The texts of `test.hit` evidence in the reply (after the given customer turns). */
function hits(rubric: CompiledRubric, locale: Locale, text: string, customer: string[] = []): string[] {
  const turns = [...customer.map((t) => ({ role: 'customer' as const, text: t })), { role: 'trainee' as const, text }];
  const turn = scoreTranscript(rubric, { locale, turns }).turns.at(-1)!;
  return turn.criteria.empathy.evidence.filter((e) => e.signal === 'test.hit').map((e) => e.text);
}

describe('phrases: negation', () => {
  const understand = { zh: ['理解…心情'], en: ['understand how you feel'] };

  it('block (the default): a negated match does not count', () => {
    const r = rubricWith({ phrases: understand });
    expect(hits(r, 'zh-Hant', '我理解您的心情')).toEqual(['理解您的心情']);
    expect(hits(r, 'zh-Hant', '我不理解您的心情')).toEqual([]);
    expect(hits(r, 'en', 'I understand how you feel.')).toEqual(['understand how you feel']);
    expect(hits(r, 'en', "I don't understand how you feel.")).toEqual([]);
  });

  it('require: only a negated match counts', () => {
    const r = rubricWith({ phrases: understand, negation: 'require' });
    expect(hits(r, 'zh-Hant', '我不理解您的心情')).toEqual(['理解您的心情']);
    expect(hits(r, 'zh-Hant', '我理解您的心情')).toEqual([]);
    expect(hits(r, 'en', "I don't understand how you feel.")).toEqual(['understand how you feel']);
    expect(hits(r, 'en', 'I understand how you feel.')).toEqual([]);
  });

  it('require: a negation in an earlier clause is not this match\'s negation', () => {
    const r = rubricWith({ phrases: understand, negation: 'require' });
    expect(hits(r, 'zh-Hant', '我沒辦法馬上放款，但我理解您的心情')).toEqual([]);
  });

  it('a look-alike compound (不好意思, 對不起) is no negation', () => {
    const waiting = { zh: ['让您久等'] };
    expect(hits(rubricWith({ phrases: waiting, negation: 'require' }), 'zh-Hans', '不好意思让您久等了')).toEqual([]);
    expect(hits(rubricWith({ phrases: waiting }), 'zh-Hans', '不好意思让您久等了')).toEqual(['让您久等']);
    expect(hits(rubricWith({ phrases: waiting }), 'zh-Hant', '對不起讓您久等了')).toEqual(['讓您久等']);
  });

  it('ignore: both count', () => {
    const r = rubricWith({ phrases: understand, negation: 'ignore' });
    expect(hits(r, 'zh-Hans', '我理解您的心情')).toHaveLength(1);
    expect(hits(r, 'zh-Hans', '我不理解您的心情')).toHaveLength(1);
  });
});

describe('phrases: unless', () => {
  const r = rubricWith({ phrases: { zh: ['生气'], en: ['upset'] }, unless: { zh: ['为什么这么'], en: ["why you're so"] } });

  it('a sentence holding an `unless` phrase does not count', () => {
    expect(hits(r, 'zh-Hant', '我知道您為什麼這麼生氣。')).toEqual([]);
    expect(hits(r, 'en', "I see why you're so upset.")).toEqual([]);
  });

  it('other sentences of the same reply still count', () => {
    expect(hits(r, 'zh-Hant', '我知道您為什麼這麼生氣。換作是我也會生氣。')).toEqual(['生氣']);
  });

  it('without the `unless` phrase the match counts', () => {
    expect(hits(r, 'en', 'I can see you are upset.')).toEqual(['upset']);
  });
});

describe('phrases: where and when they count', () => {
  it('in: question counts only inside a question', () => {
    const r = rubricWith({ phrases: { zh: ['担心'], en: ['worried'] }, in: 'question' });
    expect(hits(r, 'en', 'What are you most worried about?')).toEqual(['worried']);
    expect(hits(r, 'en', 'I am worried too.')).toEqual([]);
  });

  it('in: statement counts only outside questions', () => {
    const r = rubricWith({ phrases: { zh: ['担心'], en: ['worried'] }, in: 'statement' });
    expect(hits(r, 'zh-Hant', '我知道您很擔心。')).toEqual(['擔心']);
    expect(hits(r, 'zh-Hant', '您最擔心的是什麼？')).toEqual([]);
  });

  it('customer_said: counts only once the customer has said one of the words', () => {
    const r = rubricWith({ phrases: { zh: ['逾期'], en: ['overdue'] }, customer_said: { zh: ['他不在'], en: ["he's not"] } });
    expect(hits(r, 'zh-Hans', '他的贷款已经逾期了。')).toEqual([]);
    expect(hits(r, 'zh-Hans', '他的贷款已经逾期了。', ['他不在，我是他妈妈。'])).toEqual(['逾期']);
    expect(hits(r, 'en', 'His loan is overdue.', ["He's not here."])).toEqual(['overdue']);
  });
});

describe('phrases: matching', () => {
  it('a list written in Traditional matches Simplified replies and the other way round', () => {
    expect(hits(rubricWith({ phrases: { zh: ['讓您久等'] } }), 'zh-Hans', '让您久等了')).toEqual(['让您久等']);
    expect(hits(rubricWith({ phrases: { zh: ['让您久等'] } }), 'zh-Hant', '讓您久等了')).toEqual(['讓您久等']);
  });

  it('a gap (…) spans a few characters in the same clause, not across a comma', () => {
    const r = rubricWith({ phrases: { zh: ['抱歉…久等'] } });
    expect(hits(r, 'zh-Hant', '非常抱歉讓您久等了')).toEqual(['抱歉讓您久等']);
    expect(hits(r, 'zh-Hant', '非常抱歉，讓您久等了')).toEqual([]);
  });

  it('English phrases match whole words only', () => {
    const r = rubricWith({ phrases: { en: ['relax'] } });
    expect(hits(r, 'en', 'Please relax.')).toEqual(['relax']);
    expect(hits(r, 'en', 'We relaxed the rules.')).toEqual([]);
  });

  it('English phrases match whatever the case and apostrophe', () => {
    const r = rubricWith({ phrases: { en: ["i'm sorry"] } });
    expect(hits(r, 'en', 'I’M SORRY about that.')).toEqual(['I’M SORRY']);
  });
});
