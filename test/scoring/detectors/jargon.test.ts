// Jargon (server/scoring/detectors/jargon.ts): an industry term left unexplained is flagged
// with plain words to say instead, in the transcript's own script; a term explained on the
// spot, or the customer's own word, is not.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import type { Evidence, Locale, TurnScore } from '../../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, text: string, customer: string[] = []): TurnScore {
  const turns = [...customer.map((t) => ({ role: 'customer' as const, text: t })), { role: 'trainee' as const, text }];
  return scoreTranscript(rubric, { locale, turns }).turns.at(-1)!;
}

const jargon = (turn: TurnScore): Evidence[] => turn.criteria.plain_language.evidence.filter((e) => e.signal === 'plain.jargon');

describe('plain.jargon', () => {
  it('flags 年化利率 with the plain words 一年的利息是多少 (zh-Hans)', () => {
    const turn = reply('zh-Hans', '这笔贷款的年化利率是百分之十二。');
    expect(turn.signals).toContain('plain.jargon');
    expect(jargon(turn)).toEqual([
      { start: 5, end: 9, text: '年化利率', signal: 'plain.jargon', suggestion: '一年的利息是多少' },
    ]);
    expect(turn.criteria.plain_language.feedback).toContain('一年的利息是多少');
    expect(turn.criteria.plain_language.feedback).toContain('年化利率');
  });

  it('flags 年化利率 with 一年的利息是多少 in a Traditional transcript (zh-Hant)', () => {
    const turn = reply('zh-Hant', '這筆貸款的年化利率是百分之十二。');
    expect(jargon(turn).map((e) => [e.text, e.suggestion])).toEqual([['年化利率', '一年的利息是多少']]);
    expect(turn.criteria.plain_language.feedback).toContain('一年的利息是多少');
  });

  it("gives the plain words in the transcript's script", () => {
    const hant = reply('zh-Hant', '逾期的話會影響您的徵信。');
    expect(jargon(hant).map((e) => [e.text, e.suggestion])).toEqual([['徵信', '信用記錄']]);
    expect(hant.criteria.plain_language.feedback).toContain('信用記錄');
    expect(hant.criteria.plain_language.feedback).not.toContain('信用记录');

    const hans = reply('zh-Hans', '逾期的话会影响您的征信。');
    expect(jargon(hans).map((e) => [e.text, e.suggestion])).toEqual([['征信', '信用记录']]);
    expect(hans.criteria.plain_language.feedback).toContain('信用记录');
    expect(hans.criteria.plain_language.feedback).not.toContain('信用記錄');
  });

  it('costs plain-language points', () => {
    expect(reply('zh-Hans', '这笔贷款的年化利率是百分之十二。').criteria.plain_language.score).toBeLessThan(
      reply('zh-Hans', '这笔贷款一年的利息是百分之十二。').criteria.plain_language.score,
    );
  });

  it('does not flag a term explained in the same sentence', () => {
    expect(reply('zh-Hans', '这笔贷款的年化利率，也就是一年的利息，是百分之十二。').signals).not.toContain('plain.jargon');
    expect(reply('zh-Hant', '這筆貸款的年化利率，也就是一年的利息，是百分之十二。').signals).not.toContain('plain.jargon');
    expect(reply('en', 'The APR, that is how much interest you pay in a year, is 12%.').signals).not.toContain('plain.jargon');
  });

  it('does not flag a term named right after its plain explanation', () => {
    expect(reply('zh-Hans', '晚缴那几天多算的利息，也就是罚息，是每天万分之五。').signals).not.toContain('plain.jargon');
  });

  it('does not flag a term the customer used first', () => {
    expect(reply('zh-Hans', '逾期的话会影响您的征信。', ['我的征信会不会受影响？']).signals).not.toContain('plain.jargon');
    expect(reply('zh-Hant', '逾期的話會影響您的聯徵。', ['我的聯徵會不會受影響？']).signals).not.toContain('plain.jargon');
  });

  it("still flags another term the customer did not use", () => {
    const turn = reply('zh-Hans', '逾期的话会影响您的征信，还要付罚息。', ['我的征信会不会受影响？']);
    expect(jargon(turn).map((e) => e.text)).toEqual(['罚息']);
  });

  it('flags APR with English plain words', () => {
    const turn = reply('en', 'The APR on this loan is 12%.');
    expect(jargon(turn)).toEqual([
      { start: 4, end: 7, text: 'APR', signal: 'plain.jargon', suggestion: 'how much interest you pay in a year' },
    ]);
    expect(turn.criteria.plain_language.feedback).toContain('how much interest you pay in a year');
    expect(turn.criteria.plain_language.feedback).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('flags each unexplained term once, with its own suggestion', () => {
    const turn = reply('en', 'Your principal is secured against your car.');
    expect(jargon(turn).map((e) => [e.text, e.suggestion])).toEqual([
      ['principal', 'the amount you borrowed'],
      ['secured against', 'something you own that backs the loan, such as a car or house'],
    ]);
  });

  // An ordinary "is the …" or 就是 after a term explains nothing.
  it('flags APR followed by "is the lowest…", which explains nothing', () => {
    expect(reply('en', 'The APR is the lowest we have ever offered.').signals).toContain('plain.jargon');
  });

  it('flags 年化利率 followed by 就是百分之十二, which explains nothing', () => {
    expect(reply('zh-Hans', '您这笔贷款的年化利率就是百分之十二。').signals).toContain('plain.jargon');
  });
});

describe('plain.jargon in the other language', () => {
  it('flags an English term inside a Chinese reply, with its evidence', () => {
    const turn = reply('zh-Hant', '可以，我們有grace period，不過這期間還是會產生利息。');
    expect(jargon(turn).map((e) => e.text)).toEqual(['grace period']);
    expect(reply('zh-Hans', '我们是按daily accrual计息。').signals).toContain('plain.jargon');
  });

  it('flags a Chinese term inside an English reply', () => {
    const turn = reply('en', 'We can do a 展期 of one month, or you pay the interest only this month.');
    expect(jargon(turn).map((e) => e.text)).toEqual(['展期']);
    expect(reply('en', 'Tenure can be up to five years, and you can choose 等额本金 or 等额本息.').signals).toContain('plain.jargon');
  });

  it('does not flag an English term the Chinese reply explains on the spot', () => {
    expect(reply('zh-Hant', 'APR也就是一年下來的總成本，我們大概是百分之九。').signals).not.toContain('plain.jargon');
  });

  it('does not flag an English word inside a longer word', () => {
    expect(reply('zh-Hans', '请看一下principally这一栏。').signals).not.toContain('plain.jargon');
  });
});
