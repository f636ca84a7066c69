// The signals the training decks require, as a trainee meets them: account details before the
// caller is verified (judged across turns, alike for a whole call and for a live turn), figures
// checked against the persona's product sheet, the cost in plain numbers, several ways to pay
// and a scam warning, in English and both Chinese scripts.
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { findPersona, loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { replyTranscript, startConversation } from '../../server/personas/conversation.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { ProductSheet } from '../../server/scoring/productSheet.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import type { Locale, Scenario, Transcript, TurnScore } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const scorer = createScorer(rubric);

type Said = ['customer' | 'trainee', string];

function call(locale: Locale, scenario: Scenario, said: Said[], product?: ProductSheet): Transcript {
  return { locale, scenario, ...(product ? { product } : {}), turns: said.map(([role, text]) => ({ role, text })) };
}

/** The last trainee turn's score, from the whole call and from the live one-turn path. */
function lastTurn(transcript: Transcript): { whole: TurnScore; live: TurnScore } {
  const whole = scoreTranscript(rubric, transcript).turns.at(-1)!;
  return { whole, live: scorer.scoreTurn(transcript).score };
}

function firesIn(transcript: Transcript, signal: string): boolean {
  const { whole, live } = lastTurn(transcript);
  expect(live.signals).toEqual(whole.signals);
  return whole.signals.includes(signal);
}

const DETAILS = 'conduct.details_before_verification';

describe('account details before the caller is verified', () => {
  const calls: Array<{ locale: Locale; hello: string; details: string; check: string; answer: string }> = [
    {
      locale: 'en',
      hello: 'Hello?',
      details: 'You are 45 days overdue and owe 3,200.',
      check: 'Could you confirm your date of birth first?',
      answer: '4 May 1979.',
    },
    {
      locale: 'zh-Hans',
      hello: '喂？',
      details: '您这笔贷款逾期四十五天了，欠款三千二百元。',
      check: '请问是赵女士本人吗？麻烦您报一下身份证后四位。',
      answer: '3521。',
    },
    {
      locale: 'zh-Hant',
      hello: '喂？',
      details: '您這筆貸款逾期四十五天了，欠款三萬二千元。',
      check: '請問是林小姐本人嗎？麻煩您提供身分證後四碼。',
      answer: '3521。',
    },
  ];

  it.each(calls)('flags details given first, in $locale', ({ locale, hello, details }) => {
    expect(firesIn(call(locale, 'collection', [['customer', hello], ['trainee', details]]), DETAILS)).toBe(true);
  });

  it.each(calls)('allows the same details once the trainee asked a verification question, in $locale', ({ locale, hello, details, check, answer }) => {
    const verified = call(locale, 'collection', [
      ['customer', hello],
      ['trainee', check],
      ['customer', answer],
      ['trainee', details],
    ]);
    expect(firesIn(verified, DETAILS)).toBe(false);
  });

  it('keeps the fault on the turn that came before the check, in the whole call', () => {
    const { locale, hello, details, check, answer } = calls[0]!;
    const report = scoreTranscript(
      rubric,
      call(locale, 'collection', [
        ['customer', hello],
        ['trainee', details],
        ['customer', 'Who is this?'],
        ['trainee', check],
        ['customer', answer],
        ['trainee', details],
      ]),
    );
    expect(report.turns.map((t) => t.signals.includes(DETAILS))).toEqual([true, false, false]);
    // Details to someone not yet known to be the borrower fail the session, as a disclosure does.
    expect(report.summary.failed).toEqual({ signals: [DETAILS], turns: [1] });
  });

  it('counts the caller verifying themselves: "my ID ends in 4471"', () => {
    const transcript = call('en', 'general', [['customer', 'How much do I still owe? My ID ends in 4471.'], ['trainee', 'You still owe 6,400 on the loan.']]);
    expect(firesIn(transcript, DETAILS)).toBe(false);
  });

  it('does not count repeating the figures the customer gave', () => {
    const transcript = call('en', 'collection', [
      ['customer', "I know I'm 20 days late on my payment of 400."],
      ['trainee', "So you're 20 days late on the 400, is that right?"],
    ]);
    expect(firesIn(transcript, DETAILS)).toBe(false);
  });
});

const sheet: ProductSheet = {
  rate: { annual_percent: 9.6 },
  fees: { arrangement: 50, monthly: 0 },
  penalty: { daily_percent: 0.05 },
  dates: { repayment_day: 15, grace_days: 3, payout_days: 3 },
  documents: ['ID card', 'bank statements'],
};

describe('misinformation against the product sheet', () => {
  const wrong: Array<{ locale: Locale; customer: string; reply: string; said: string; right: string }> = [
    { locale: 'en', customer: "What's the interest rate?", reply: 'The interest rate is 6% a year.', said: 'interest rate is 6', right: '9.6%' },
    { locale: 'zh-Hans', customer: '每个月几号还钱？', reply: '还款日是每个月20号。', said: '还款日是每个月20', right: '每月15号还款' },
    { locale: 'zh-Hant', customer: '寬限期有幾天？', reply: '寬限期有七天。', said: '寬限期有七', right: '寬限期是3天' },
  ];

  it.each(wrong)('quotes the wrong words and gives the right figure, in $locale', ({ locale, customer, reply, said, right }) => {
    const transcript = call(locale, 'application', [['customer', customer], ['trainee', reply]], sheet);
    const { whole, live } = lastTurn(transcript);
    expect(live).toEqual(whole);
    expect(whole.signals).toContain('conduct.misinformation');
    const evidence = whole.criteria.conduct.evidence.find((e) => e.signal === 'conduct.misinformation')!;
    expect(evidence.text).toBe(said);
    expect(evidence.suggestion).toContain(right);
    expect(whole.criteria.conduct.feedback).toContain(right);
  });

  it('flags a required document said not to be needed, naming it', () => {
    const transcript = call('en', 'application', [['customer', 'What do I bring?'], ['trainee', "You don't need bank statements."]], sheet);
    const evidence = lastTurn(transcript).whole.criteria.conduct.evidence.find((e) => e.signal === 'conduct.misinformation');
    expect(evidence?.suggestion).toBe('bank statements is needed');
  });

  it('counts the right figure towards explaining the cost instead', () => {
    const transcript = call('en', 'application', [['customer', "What's the interest rate?"], ['trainee', 'The interest rate is 9.6% a year.']], sheet);
    const { whole } = lastTurn(transcript);
    expect(whole.signals).not.toContain('conduct.misinformation');
    expect(whole.signals).toContain('plain.cost_explained');
  });

  it('says nothing of figures when the call has no product sheet', () => {
    const transcript = call('en', 'application', [['customer', "What's the interest rate?"], ['trainee', 'The interest rate is 6% a year.']]);
    expect(firesIn(transcript, 'conduct.misinformation')).toBe(false);
  });

  it("checks a live turn against the persona's own sheet", () => {
    const library = loadPersonaLibrary();
    const persona = findPersona(library, 'first-time-applicant', 'en')!;
    expect(persona.product?.rate?.annual_percent).toBe(10);
    const { conversation } = startConversation(persona, 1);
    const { score } = scorer.scoreTurn(replyTranscript(persona, conversation, 'The interest rate is 5% a year.'));
    const evidence = score.criteria.conduct.evidence.find((e) => e.signal === 'conduct.misinformation');
    expect(evidence?.suggestion).toBe('the yearly interest rate is 10%');
  });
});

describe('the cost in plain numbers, once the customer asks', () => {
  it.each([
    ['en', 'How much will this cost me?', 'You pay 440 a month, 5,280 in total.'],
    ['zh-Hans', '借三万块，我一共要多掏多少钱？', '每个月还2600块，一共还31200块。'],
    ['zh-Hant', '借三十萬，我總共要多付多少錢？', '每個月繳8700元，總共繳313200元。'],
  ] as const)('in %s', (locale, customer, reply) => {
    expect(firesIn(call(locale, 'application', [['customer', customer], ['trainee', reply]]), 'plain.cost_explained')).toBe(true);
    expect(firesIn(call(locale, 'application', [['customer', 'I need a loan for my shop.'], ['trainee', reply]]), 'plain.cost_explained')).toBe(false);
  });

  it('is not a right figure said in jargon', () => {
    const transcript = call('en', 'application', [['customer', 'How much will it cost?'], ['trainee', "It's amortized at an APR of 9.6%."]], sheet);
    expect(firesIn(transcript, 'plain.cost_explained')).toBe(false);
  });
});

describe('several ways to pay', () => {
  it.each([
    ['en', 'You could pay 200 now and the rest on the 30th, or we can spread it over three instalments.', 'You can pay part now.'],
    ['zh-Hans', '您可以先还两百，剩下的月底再还；或者分三期还。', '您可以先还一部分。'],
    ['zh-Hant', '您可以用網路銀行轉帳，也可以到臨櫃繳。', '您可以先繳一部分。'],
  ] as const)('two options, not one, in %s', (locale, two, one) => {
    expect(firesIn(call(locale, 'collection', [['customer', "I can't pay it all."], ['trainee', two]]), 'negotiate.several_options')).toBe(true);
    expect(firesIn(call(locale, 'collection', [['customer', "I can't pay it all."], ['trainee', one]]), 'negotiate.several_options')).toBe(false);
  });
});

describe('a scam warning when the customer is about to send money', () => {
  it.each([
    ['en', 'Someone from the bank told me to move my savings to a safe account.', "Please don't transfer anything. That's a scam."],
    ['zh-Hans', '有个自称银行的人让我把钱转到安全账户。', '您千万不要转账，这是诈骗。'],
    ['zh-Hant', '有個說是金管會的人，要我先付五千元解凍費。', '這是騙局，別匯錢給他們。'],
  ] as const)('in %s, and only then', (locale, customer, reply) => {
    expect(firesIn(call(locale, 'general', [['customer', customer], ['trainee', reply]]), 'conduct.scam_warning')).toBe(true);
    expect(firesIn(call(locale, 'general', [['customer', 'Is the app safe?'], ['trainee', reply]]), 'conduct.scam_warning')).toBe(false);
  });
});
