// Negation (server/text/negation.ts), seen through the engine: a negated phrase does
// not count, look-alike compounds (對不起, 不好意思) do not negate, and negation stays in
// its own clause.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function signals(locale: Locale, text: string): string[] {
  return scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!.signals;
}

describe('negated empathy', () => {
  it('我理解您的心情 acknowledges the feeling', () => {
    expect(signals('zh-Hant', '我理解您的心情')).toContain('empathy.emotion');
    expect(signals('zh-Hans', '我理解您的心情')).toContain('empathy.emotion');
  });

  it('我不理解您的心情 does not', () => {
    expect(signals('zh-Hant', '我不理解您的心情')).not.toContain('empathy.emotion');
    expect(signals('zh-Hans', '我不理解您的心情')).not.toContain('empathy.emotion');
  });

  it('對不起 is an apology, not a negation', () => {
    const s = signals('zh-Hant', '對不起，讓您久等了');
    expect(s).toContain('empathy.emotion');
    expect(s).toContain('complaint.acknowledge');
  });

  it('没关系 before an empathy phrase does not negate it', () => {
    expect(signals('zh-Hans', '没关系，我理解您的心情。')).toContain('empathy.emotion');
  });

  it('a negation in an earlier clause does not reach the next one', () => {
    expect(signals('zh-Hant', '我沒辦法馬上放款，但我理解您的心情。')).toContain('empathy.emotion');
  });
});

describe('politeness that looks negative', () => {
  it('不好意思 in a request to repeat is not dismissive', () => {
    const s = signals('zh-Hant', '不好意思，我沒聽清楚，您可以再說一次金額嗎？');
    expect(s).not.toContain('empathy.dismissive');
    expect(s).toContain('listening.closed_question');
  });

  it('"No problem" does not negate the empathy after it', () => {
    expect(signals('en', 'No problem, I understand how you feel.')).toContain('empathy.emotion');
  });
});

describe('negated conduct faults', () => {
  it('promising not to tell the family is no disclosure', () => {
    expect(signals('en', 'We will not tell your family about the debt')).not.toContain('conduct.third_party_disclosure');
    expect(signals('en', 'We will tell your family about the debt')).toContain('conduct.third_party_disclosure');
  });

  it('promising not to tell the family is no disclosure, in Chinese', () => {
    expect(signals('zh-Hant', '我們不會聯絡您的家人，也不會告訴他們您欠款的事。')).not.toContain('conduct.third_party_disclosure');
    expect(signals('zh-Hant', '我們會聯絡您的家人，告訴他們您欠款的事。')).toContain('conduct.third_party_disclosure');
  });

  it('"You won\'t go to jail over this" is no threat', () => {
    expect(signals('en', "You won't go to jail over this")).not.toContain('conduct.threat');
    expect(signals('en', 'You will go to jail over this')).toContain('conduct.threat');
  });

  it('您不會坐牢的 is no threat', () => {
    expect(signals('zh-Hant', '您不會坐牢的。')).not.toContain('conduct.threat');
  });

  it('"I can\'t guarantee approval" is no false promise', () => {
    expect(signals('en', "I can't guarantee approval")).not.toContain('conduct.false_promise');
    expect(signals('en', 'I guarantee approval')).toContain('conduct.false_promise');
  });

  it('我不能保證您一定能批 is no false promise', () => {
    expect(signals('zh-Hant', '我不能保證您一定能批。')).not.toContain('conduct.false_promise');
    expect(signals('zh-Hant', '我保證您一定能批。')).toContain('conduct.false_promise');
  });

  it('a negation further back than the window does not clear a threat', () => {
    expect(signals('en', "I don't want to say you'll go to jail, but you will.")).toContain('conduct.threat');
  });

  // The "not" of a condition on paying ("if you don't pay", 不還錢就…, 不然) belongs to the
  // condition, not to the threat that follows it.
  const conditionalThreats: [Locale, string][] = [
    ['en', "If you don't pay you will go to jail."],
    ['zh-Hans', '不还钱就坐牢。'],
    ['zh-Hant', '不還錢就去坐牢吧。'],
    ['zh-Hant', '還錢，不然就去坐牢吧。'],
  ];
  for (const [locale, text] of conditionalThreats) {
    it(`a threat conditioned on (not) paying is still a threat: ${text}`, () => {
      expect(signals(locale, text)).toContain('conduct.threat');
    });
  }
});

describe('negators inside longer words', () => {
  it('特別 ("especially") does not negate what follows', () => {
    expect(signals('zh-Hant', '我特別理解您的心情')).toContain('empathy.emotion');
    expect(signals('zh-Hans', '我特别理解您的心情')).toContain('empathy.emotion');
  });

  it('沒問題 ("no problem") does not negate what follows', () => {
    expect(signals('zh-Hans', '没问题，我理解您的心情。')).toContain('empathy.emotion');
  });

  it('a refusal a few words back still negates the promise', () => {
    expect(signals('zh-Hant', '會有一點影響，不過我們會綜合看您的收入，我這邊沒辦法跟您保證一定核准。')).not.toContain('conduct.false_promise');
  });
});
