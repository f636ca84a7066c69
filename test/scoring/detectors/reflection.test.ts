// Reflections (server/scoring/detectors/reflection.ts): the trainee restates the customer's
// own facts. Asking about the topic, or answering the customer's question in their words, is
// not a restatement.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import type { Evidence, Locale, TurnScore } from '../../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, customer: string[], text: string): TurnScore {
  const turns = [...customer.map((t) => ({ role: 'customer' as const, text: t })), { role: 'trainee' as const, text }];
  return scoreTranscript(rubric, { locale, turns }).turns.at(-1)!;
}

const reflections = (turn: TurnScore): Evidence[] =>
  turn.criteria.active_listening.evidence.filter((e) => e.signal === 'listening.reflection');

describe('listening.reflection', () => {
  it('restating the amount and date with 您是說…對嗎 reflects, in zh-Hant', () => {
    const turn = reply('zh-Hant', ['我三月五號借了五萬塊，到現在還沒到帳！'], '您是說三月五號借的五萬元還沒到帳，對嗎？');
    expect(turn.signals).toContain('listening.reflection');
  });

  it('restating the amount and date with 您是说…对吗 reflects, in zh-Hans, digits or words', () => {
    const customer = ['我三月五号借了五万块，到现在还没到账！'];
    expect(reply('zh-Hans', customer, '您是说三月五号借的五万元还没到账，对吗？').signals).toContain('listening.reflection');
    expect(reply('zh-Hans', customer, '您是说3月5号借的5万元还没到账，对吗？').signals).toContain('listening.reflection');
  });

  it('"So you applied two weeks ago and the money hasn\'t arrived, is that right?" reflects', () => {
    const turn = reply(
      'en',
      ['I applied for the loan two weeks ago and the money still has not arrived!'],
      "So you applied two weeks ago and the money hasn't arrived, is that right?",
    );
    expect(turn.signals).toContain('listening.reflection');
  });

  it('"Did you apply online?" after a complaint about an online application does not reflect', () => {
    const turn = reply('en', ['I applied online two weeks ago and nobody has told me anything about my application!'], 'Did you apply online?');
    expect(turn.signals).not.toContain('listening.reflection');
    expect(turn.signals).toContain('listening.closed_question');
  });

  it('您是在網上申請的嗎 after a complaint about an online application does not reflect', () => {
    const turn = reply('zh-Hant', ['我在網上申請的貸款，兩週了還沒消息！'], '您是在網上申請的嗎？');
    expect(turn.signals).not.toContain('listening.reflection');
  });

  it("answering the customer's question with their words does not reflect", () => {
    expect(
      reply(
        'en',
        ['How long does the money from my loan application take to arrive in my bank account?'],
        'The money from your loan application usually takes three days to arrive in your bank account.',
      ).signals,
    ).not.toContain('listening.reflection');
    expect(
      reply('zh-Hans', ['我的贷款申请审批下来以后多久能放款到我的银行账户？'], '贷款申请审批下来以后，一般三天内放款到您的银行账户。').signals,
    ).not.toContain('listening.reflection');
  });

  // The leading clause of a customer's question ("if my application is approved this week,
  // …") is a supposition, not a fact: an answer that reuses it is no reflection.
  it("answering a two-clause question with the customer's words does not reflect", () => {
    expect(
      reply(
        'en',
        ['If my loan application is approved this week, when will the money arrive in my bank account?'],
        'If your loan application is approved this week, the money will arrive in your bank account by Friday.',
      ).signals,
    ).not.toContain('listening.reflection');
  });

  it("answering a two-clause question with the customer's words does not reflect, in Chinese", () => {
    expect(
      reply('zh-Hans', ['如果我的贷款申请这周审批通过，什么时候能放款到我的银行账户？'], '如果贷款申请这周审批通过，下周一会放款到您的银行账户。').signals,
    ).not.toContain('listening.reflection');
  });

  it('needs something the customer said: nothing to reflect without a customer turn', () => {
    expect(reply('zh-Hant', [], '您是說三月五號借的五萬元還沒到帳，對嗎？').signals).not.toContain('listening.reflection');
  });

  it('the evidence is the restating sentence, not the whole reply', () => {
    const text = '非常抱歉讓您等了這麼久。您是說兩週前提交的申請，到現在還沒收到款，對嗎？我馬上幫您查。';
    const turn = reply('zh-Hant', ['我兩個星期前就申請了貸款，到現在還沒放款！'], text);
    const found = reflections(turn);
    expect(found.map((e) => e.text)).toEqual(['您是說兩週前提交的申請，到現在還沒收到款，對嗎？']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(found[0]!.text);
  });

  it('the evidence is the restating sentence, in English', () => {
    const text = "I'm sorry about that. So you borrowed 5,000 in March and were charged twice, is that right? Let me check your account.";
    const turn = reply('en', ['I borrowed 5,000 in March and you charged me twice!'], text);
    expect(reflections(turn).map((e) => e.text)).toEqual(['So you borrowed 5,000 in March and were charged twice, is that right?']);
  });

  it('a reflection raises the active-listening score', () => {
    const customer = ['我三月五號借了五萬塊，到現在還沒到帳！'];
    const reflected = reply('zh-Hant', customer, '您是說三月五號借的五萬元還沒到帳，對嗎？');
    const notReflected = reply('zh-Hant', customer, '您是在網上申請的嗎？');
    expect(reflected.criteria.active_listening.score).toBeGreaterThan(notReflected.criteria.active_listening.score);
  });
});

describe('listening.reflection: a restatement in the trainee\'s own words', () => {
  const approved = {
    en: 'My loan was approved two weeks ago and the money still has not arrived!',
    'zh-Hans': '我的贷款两个礼拜前就批了，钱到现在还没到账！',
    'zh-Hant': '我的貸款兩個禮拜前就核准了，錢到現在還沒進來！',
  } as const;

  it('needs no question mark and no opening phrase, in English', () => {
    const text = 'Two weeks since approval and still nothing, that is what you are telling me. Let me look.';
    expect(reflections(reply('en', [approved.en], text)).map((e) => e.text)).toEqual([
      'Two weeks since approval and still nothing, that is what you are telling me.',
    ]);
  });

  it('needs no question mark and no opening phrase, in zh-Hans and zh-Hant', () => {
    expect(reflections(reply('zh-Hans', [approved['zh-Hans']], '两个礼拜前就批了，钱到现在还没到账。我马上查。')).map((e) => e.text)).toEqual([
      '两个礼拜前就批了，钱到现在还没到账。',
    ]);
    expect(reflections(reply('zh-Hant', [approved['zh-Hant']], '兩個禮拜前就核准了，錢到現在還沒進來。我馬上查。')).map((e) => e.text)).toEqual([
      '兩個禮拜前就核准了，錢到現在還沒進來。',
    ]);
  });

  it('a remark on the customer\'s facts frames their restatement, in all three languages', () => {
    expect(reply('en', ['I never missed a payment and you still charged me a late fee!'], 'A late fee when you never missed a payment, that is not right.').signals).toContain(
      'listening.reflection',
    );
    expect(reply('zh-Hans', ['我没逾期，你们还收了我一笔罚款！'], '没逾期却收了罚款，这肯定不对。').signals).toContain('listening.reflection');
    expect(reply('zh-Hant', ['我在你們分行被插隊，行員還裝沒看到！'], '被插隊又被行員無視，換誰都會生氣。').signals).toContain('listening.reflection');
  });

  it('telling the customer not to do what they were told is a correction, not a restatement', () => {
    expect(
      reply('en', ['A man from the financial regulator says I have to pay a 500 verification fee to unfreeze my loan.'], 'Do not pay them; no regulator charges a fee to unfreeze a loan.')
        .signals,
    ).not.toContain('listening.reflection');
    expect(reply('zh-Hans', ['有人打电话说我的账户有风险，让我把钱转到安全账户。'], '千万不要转账，银行不会让您把钱转到安全账户。').signals).not.toContain(
      'listening.reflection',
    );
    expect(reply('zh-Hant', ['有人打電話說我的帳戶有風險，叫我把錢轉到安全帳戶。'], '千萬不要轉帳，銀行不會叫您把錢轉到安全帳戶。').signals).not.toContain(
      'listening.reflection',
    );
  });

  it('answering with one of the customer\'s words is not a restatement, in all three languages', () => {
    expect(reply('en', ['I applied online two weeks ago and heard nothing.'], 'Online applications are checked in order.').signals).not.toContain(
      'listening.reflection',
    );
    expect(reply('zh-Hans', ['我上个月失业了，这期实在还不上。'], '失业的话可以申请延期。').signals).not.toContain('listening.reflection');
    expect(reply('zh-Hant', ['我上個月失業了，這期實在繳不出來。'], '失業的話可以申請延期。').signals).not.toContain('listening.reflection');
  });

  it('"okay so…" opens a restatement in an unpunctuated phone transcript', () => {
    const turn = reply('en', ['the money went out but the loan still shows unpaid'], 'okay so the money left your account but the loan still says unpaid let me trace it now');
    expect(turn.signals).toContain('listening.reflection');
  });
});
