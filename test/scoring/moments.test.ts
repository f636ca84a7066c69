// Expectations from the moment (server/scoring/moments.ts, empathyMoments.ts and the
// listening.unanswered_question detector): what the customer's last turn was, the hints a
// reply to it is given, a question left unanswered, and session empathy as N of M.
import { describe, it, expect } from 'vitest';
import { coachingSuggestions } from '../../server/coaching/suggestions.ts';
import * as wording from '../../server/coaching/wording.ts';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, loadDefaultRubric, readRubricFile } from '../../server/dataFiles/loadRubric.ts';
import { compileRubric } from '../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../server/scoring/rubric/schema.ts';
import { spokenTurn } from '../../server/scoring/context.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { classifyMoment } from '../../server/scoring/moments.ts';
import { CRITERIA, langOf, type Locale, type Moment, type ScoreReport } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

/** The moment of one customer turn, the only one the reply answers. */
function momentOf(locale: Locale, text: string): Moment {
  const lang = langOf(locale);
  return classifyMoment([spokenTurn(text, lang)], 1, lang, rubric.moments[lang]);
}

type Line = [role: 'customer' | 'trainee', text: string];

function score(locale: Locale, lines: Line[]): ScoreReport {
  return scoreTranscript(rubric, { locale, turns: lines.map(([role, text]) => ({ role, text })) });
}

const EMPATHY_TIP = rubric.signals.find((s) => s.id === 'empathy.emotion')!.absent!;
const NO_EMPATHY_CALLED_FOR = rubric.criteria.empathy.notCalledFor!;
const EMPATHY_NONE = rubric.criteria.empathy.none;

describe('the moment: what the customer just did', () => {
  it.each<[Locale, string, Moment]>([
    ['en', "I lost my job last month and I'm so worried about the payments.", { emotion: true, question: false, facts: true }],
    ['en', 'When is my first payment due?', { emotion: false, question: true, facts: false }],
    ['en', 'I paid 320 dollars on the 3rd.', { emotion: false, question: false, facts: true }],
    ['en', "I'm not worried, I just want the date. When is it due?", { emotion: false, question: true, facts: false }],
    ['en', 'OK.', { emotion: false, question: false, facts: false }],
    ['en', 'Hello?', { emotion: false, question: false, facts: false }],
    ['zh-Hans', '我上个月被公司裁了，现在一分钱收入都没有。', { emotion: true, question: false, facts: true }],
    ['zh-Hans', '这个贷款每个月要还多少钱？', { emotion: false, question: true, facts: false }],
    ['zh-Hans', '我五月三号还了两千块。', { emotion: false, question: false, facts: true }],
    ['zh-Hans', '好的。', { emotion: false, question: false, facts: false }],
    ['zh-Hant', '我媽下禮拜要開刀，我好擔心，這筆錢什麼時候會撥下來？', { emotion: true, question: true, facts: false }],
    ['zh-Hant', '你們到底在搞什麼？', { emotion: true, question: false, facts: false }],
    ['zh-Hant', '利息怎麼算？', { emotion: false, question: true, facts: false }],
    ['zh-Hant', '我上禮拜五繳了一萬二。', { emotion: false, question: false, facts: true }],
    ['zh-Hant', '喂？', { emotion: false, question: false, facts: false }],
  ])('%s: "%s"', (locale, text, expected) => {
    expect(momentOf(locale, text)).toEqual(expected);
  });

  it('reads the turns said since the trainee last spoke, not those already answered', () => {
    const worried = "I'm so worried, I lost my job.";
    const asks = 'What are my options?';
    const answeredBetween = score('en', [['customer', worried], ['trainee', 'Let me see.'], ['customer', asks], ['trainee', 'We can lower your payments.']]);
    expect(answeredBetween.turns[1]!.moment).toEqual({ emotion: false, question: true, facts: false });
    const saidTogether = score('en', [['customer', worried], ['customer', asks], ['trainee', 'We can lower your payments.']]);
    expect(saidTogether.turns[0]!.moment).toEqual({ emotion: true, question: true, facts: false });
    // A second reply in a row answers nothing new.
    const twice = score('en', [['customer', worried], ['trainee', 'I am so sorry.'], ['trainee', 'Let me see.']]);
    expect(twice.turns.map((t) => t.moment?.emotion)).toEqual([true, false]);
  });

  it('is no moment at all when the trainee speaks first', () => {
    const report = score('zh-Hans', [['trainee', '您好，我是信用社的小刘，请问是王建国先生本人吗？']]);
    expect(report.turns[0]!.moment).toEqual({ emotion: false, question: false, facts: false });
    expect(report.turns[0]!.criteria.empathy.feedback).not.toBe(EMPATHY_TIP['zh-Hans']);
  });
});

describe('hints only where the moment called for them', () => {
  // A good call: the customer is upset once, then gives facts and asks; the trainee
  // acknowledges the feeling once and then moves the call on.
  const goodCall: Line[] = [
    ['customer', 'I was charged twice this month and I am really upset about it!'],
    ['trainee', "I'm so sorry about the double charge, I understand how upsetting that is. Let me check your account."],
    ['customer', 'It was 320 dollars on the 3rd and again on the 4th.'],
    ['trainee', 'So 320 dollars came out on the 3rd and again on the 4th, is that right?'],
    ['customer', 'Yes. When will I get it back?'],
    ['trainee', "We'll refund the second payment today, and I'll text you as soon as it's sent."],
  ];

  it('a good call: its factual turns get no empathy tip, and say why', () => {
    const report = score('en', goodCall);
    const [first, second, third] = report.turns;
    expect(first!.moment?.emotion).toBe(true);
    expect(second!.moment).toEqual({ emotion: false, question: false, facts: true });
    expect(third!.moment).toMatchObject({ emotion: false, question: true });
    for (const turn of [second!, third!]) {
      expect(turn.criteria.empathy.feedback).not.toBe(EMPATHY_TIP.en);
      expect(turn.criteria.empathy.feedback).not.toBe(EMPATHY_NONE.en);
      expect(turn.criteria.empathy.feedback).toBe(NO_EMPATHY_CALLED_FOR.en);
    }
    expect(report.summary.empathy_moments).toEqual({ responded: 1, of: 1 });
    expect(report.summary.criteria.empathy).toBe(100);
  });

  it('an emotional turn answered without empathy is told to acknowledge the feeling', () => {
    const report = score('zh-Hant', [
      ['customer', '我上個月被公司裁員，這期真的繳不出來，我好擔心。'],
      ['trainee', '好的，我幫您查一下帳戶。'],
    ]);
    expect(report.turns[0]!.moment?.emotion).toBe(true);
    expect(report.turns[0]!.criteria.empathy.feedback).toBe(EMPATHY_TIP['zh-Hant']);
  });

  it('a reflection is hinted after facts, not after a bare question', () => {
    const reflectionTip = rubric.signals.find((s) => s.id === 'listening.reflection')!.absent!;
    const afterFacts = score('en', [['customer', 'I paid 320 dollars on the 3rd.'], ['trainee', 'Thank you.']]);
    expect(afterFacts.turns[0]!.criteria.active_listening.feedback).toBe(reflectionTip.en);
    const afterQuestion = score('en', [['customer', 'When is my first payment due?'], ['trainee', 'Your first payment is due on the 1st of March.']]);
    expect(afterQuestion.turns[0]!.criteria.active_listening.feedback).not.toBe(reflectionTip.en);
  });
});

describe('a customer question left unanswered', () => {
  const fires = (locale: Locale, customer: string, reply: string): boolean =>
    score(locale, [['customer', customer], ['trainee', reply]]).turns[0]!.signals.includes('listening.unanswered_question');

  it.each<[Locale, string, string]>([
    ['en', 'When will my refund arrive?', 'I understand how frustrating this is.'],
    ['en', 'Why was I refused?', 'Could you give me your application number?'],
    ['zh-Hans', '我这笔退款到底什么时候能到？', '非常抱歉让您久等了。'],
    ['zh-Hant', '我兩個禮拜前就核准了，錢到底怎麼還沒下來？', '這個我也不清楚，您要自己去問放款部門。'],
  ])('%s: "%s" → "%s" leaves it unanswered', (locale, customer, reply) => {
    expect(fires(locale, customer, reply)).toBe(true);
  });

  it.each<[Locale, string, string]>([
    ['en', 'When will my refund arrive?', 'Let me check that for you right now.'],
    ['en', 'When is my first payment due?', 'It is due on the 1st of March.'],
    ['en', 'Will you call my parents?', 'No, we will not contact your family.'],
    ['zh-Hans', '我这笔退款到底什么时候能到？', '一般三到五个工作日到账。'],
    ['zh-Hant', '錢到底什麼時候會撥下來？', '真的很抱歉讓您久等，我馬上幫您查撥款進度。'],
    ['zh-Hant', '我可以晚幾天繳嗎？', '可以，我幫您把繳款日延後五天。'],
    ['zh-Hans', '能在网上还款吗？', '能。'],
    ['en', "Who's this?", "Hi, it's Sam from Riverside Credit Union."],
    // Speech written down without stops: a long run holds the answer beside its "don't worry".
    ['zh-Hans', '这个贷款要不要抵押', '您放心这个不用抵押我们这个是信用贷款主要看的是您的收入和以前的还款记录'],
  ])('%s: "%s" → "%s" answers it', (locale, customer, reply) => {
    expect(fires(locale, customer, reply)).toBe(false);
  });

  it('costs active-listening points and says what to do', () => {
    const report = score('en', [['customer', 'When will my refund arrive?'], ['trainee', 'I understand how frustrating this is.']]);
    const listening = report.turns[0]!.criteria.active_listening;
    expect(listening.score).toBeLessThan(rubric.criteria.active_listening.base);
    expect(listening.feedback).toContain('unanswered');
    expect(listening.evidence[0]).toMatchObject({ signal: 'listening.unanswered_question', text: 'I understand how frustrating this is.' });
  });
});

describe('session empathy: the emotional moments responded to, N of M', () => {
  it('counts the moments met with empathy, and scores the share', () => {
    const report = score('zh-Hans', [
      ['customer', '我上个月被公司裁了，现在一分钱收入都没有，我好着急。'],
      ['trainee', '突然没了工作，您这段时间压力一定很大。'],
      ['customer', '我上个月十五号还了三千。'],
      ['trainee', '您是说上个月十五号还了三千，对吗？'],
      ['customer', '我老婆又生病住院了，我真的不知道怎么办。'],
      ['trainee', '您可以先还一部分。'],
    ]);
    expect(report.turns.map((t) => t.moment?.emotion)).toEqual([true, false, true]);
    expect(report.summary.empathy_moments).toEqual({ responded: 1, of: 2 });
    expect(report.summary.criteria.empathy).toBe(50);
  });

  it('replies in a row answer one moment; a dismissive reply is a moment missed', () => {
    const report = score('en', [
      ['customer', "I'm so worried, I lost my job last week."],
      ['trainee', 'Let me pull up your account.'],
      ['trainee', "I'm sorry to hear about your job, that must be a real worry."],
      ['customer', 'When is my next payment due?'],
      ['trainee', "Calm down. It's due on the 5th."],
    ]);
    expect(report.summary.empathy_moments).toEqual({ responded: 1, of: 2 });
  });

  it('with no emotional moment, empathy is shown as nothing missed and left out of the overall', () => {
    const report = score('en', [
      ['customer', 'When is my first payment due?'],
      ['trainee', 'Your first payment of 150 dollars is due on the 1st of March.'],
    ]);
    const { summary } = report;
    expect(summary.empathy_moments).toEqual({ responded: 0, of: 0 });
    expect(summary.criteria.empathy).toBe(100);
    const others = CRITERIA.filter((id) => id !== 'empathy');
    const weight = (id: (typeof CRITERIA)[number]): number => rubric.criteria[id].weight;
    const weighted = others.reduce((sum, id) => sum + summary.criteria[id] * weight(id), 0) / others.reduce((sum, id) => sum + weight(id), 0);
    expect(summary.overall).toBe(Math.round(weighted));
  });
});

describe('coaching after a calm call', () => {
  it('does not tell the trainee to start naming feelings when the customer was never upset', () => {
    const report = scoreTranscript(rubric, {
      locale: 'en',
      scenario: 'general',
      turns: [
        { role: 'customer', text: 'When is my first payment due?' },
        { role: 'trainee', text: 'Your first payment of 150 dollars is due on the 1st of March.' },
      ],
    });
    expect(report.summary.empathy_moments?.of).toBe(0);
    const { start } = coachingSuggestions(report, { locale: 'en', scenario: 'general' }, rubric);
    expect(start).not.toBe(wording.START.emotion.en);
  });
});

describe('a rubric that reads no moments', () => {
  const file = readRubricFile(`${RUBRICS_DIR}/${DEFAULT_RUBRIC_ID}.yaml`);
  const { moments: _moments, ...language } = file.language;
  const plain = {
    ...file,
    language,
    criteria: { ...file.criteria, empathy: { ...file.criteria.empathy, session: 'mean' as const } },
    signals: file.signals.filter((s) => s.id !== 'listening.unanswered_question'),
  };

  it('gives every hint as before and judges empathy on the mean of the turns', () => {
    const old = compileRubric(RubricFile.parse(plain));
    const report = scoreTranscript(old, {
      locale: 'en',
      turns: [
        { role: 'customer', text: 'When is my first payment due?' },
        { role: 'trainee', text: 'Your first payment is due on the 1st of March.' },
      ],
    });
    expect(report.turns[0]!.criteria.empathy.feedback).toBe(EMPATHY_TIP.en);
    expect(report.summary.empathy_moments).toBeUndefined();
    expect(report.summary.criteria.empathy).toBe(report.turns[0]!.criteria.empathy.score);
  });

  it('refuses an empathy criterion judged on moments without the moments to judge', () => {
    const parsed = RubricFile.safeParse({ ...plain, criteria: file.criteria });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['criteria', 'empathy', 'session']);
  });
});
