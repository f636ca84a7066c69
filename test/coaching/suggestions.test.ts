// The three coaching suggestions as a coach reads them: scored by the real engine and rubric
// from short transcripts, then checked for what a coach would notice (the threat named in
// "stop", the trainee's own words quoted, the missing complaint step in "start", the right
// script for the session's locale).
import { describe, expect, it } from 'vitest';
import { coachingSuggestions } from '../../server/coaching/suggestions.ts';
import * as wording from '../../server/coaching/wording.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import type { Localized } from '../../server/scoring/detectors/definition.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { simplify } from '../../server/text/script.ts';
import type { Locale, Scenario } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

/** Customer and trainee lines alternating, customer first. */
function coach(locale: Locale, scenario: Scenario, lines: string[]) {
  const turns = lines.map((text, i) => ({ role: i % 2 === 0 ? ('customer' as const) : ('trainee' as const), text }));
  const report = scoreTranscript(rubric, { locale, scenario, turns });
  return { report, ...coachingSuggestions(report, { locale, scenario }, rubric) };
}

const THREAT_HANT = ['我這個月失業了，實在還不上。', '您再不還錢，我們就打電話告訴您的單位和家人，讓大家都知道您欠錢不還。'];
const THREAT_HANS = ['我这个月失业了，实在还不上。', '您再不还钱，我们就打电话告诉您的单位和家人，让大家都知道您欠钱不还。'];

const WELL_HANDLED_COMPLAINT = [
  'You charged me twice for the same repayment!',
  'I am so sorry about this. I will take care of this complaint for you personally.',
  'OK.',
  'Could you tell me the date of the second charge? I will check the account now.',
  'The 3rd.',
  'So you were charged twice on the 3rd. I can refund the second charge today, or credit it to your next instalment, whichever you prefer.',
  'The refund, please.',
  'I will call you back by 5 pm tomorrow to confirm the refund has arrived.',
];

describe('stop: the most harmful thing said', () => {
  it('names a threat, quoting it, and says what to say instead', () => {
    const { stop } = coach('en', 'collection', ["I lost my job, I can't pay this month.", "If you don't pay by Friday we will come to your house and tell everyone."]);
    expect(stop).toMatch(/^Stop threatening/);
    expect(stop).toContain('"If you don\'t pay by Friday');
    expect(stop).toContain('lawful consequence');
  });

  it('puts a threat before a dismissive remark and jargon said earlier', () => {
    const { report, stop } = coach('en', 'collection', [
      'Why is my payment so high?',
      'Calm down, rules are rules. The APR went up.',
      'But I cannot pay it.',
      "You'd better pay by Friday or we will come to your house.",
    ]);
    const signals = report.turns.flatMap((t) => t.signals);
    expect(signals).toEqual(expect.arrayContaining(['empathy.dismissive', 'plain.jargon', 'conduct.threat']));
    expect(stop).toMatch(/^Stop threatening/);
  });

  it('puts brushing the customer off before jargon', () => {
    const { stop } = coach('en', 'complaint', ['You charged me twice!', 'Calm down, it is not our fault. Your APR is fixed.']);
    expect(stop).toMatch(/^Stop brushing the customer off: "Calm down/);
  });

  it('gives the plain words for a jargon term', () => {
    const { stop } = coach('en', 'application', ['I want a loan for my shop.', 'Our APR is 12 percent.']);
    expect(stop).toBe('Stop using terms the customer may not know: instead of "APR", say "how much interest you pay in a year".');
  });

  it('says gently that there is nothing to stop when nothing went wrong', () => {
    const { stop } = coach('en', 'complaint', WELL_HANDLED_COMPLAINT);
    expect(stop).toMatch(/^Nothing to stop/);
    expect(stop).toContain('Next time');
  });
});

describe('keep: the strongest thing done, in the trainee’s own words', () => {
  it('praises a complaint taken through all four steps, quoting the follow-up', () => {
    const { report, keep } = coach('en', 'complaint', WELL_HANDLED_COMPLAINT);
    expect(report.summary.complaint_steps.missing).toEqual([]);
    expect(keep).toMatch(/^Keep taking a complaint through all four steps/);
    expect(keep).toContain('"I will call you back by 5 pm tomorrow');
  });

  it('prefers a reflection to an apology, and quotes a short piece of it', () => {
    const { keep } = coach('zh-Hans', 'complaint', ['我两个星期前就申请了贷款，到现在还没放款！', '非常抱歉让您久等了，您是说两周前提交的申请，到现在还没收到款，对吗？']);
    expect(keep).toMatch(/^继续复述客户说的关键事实/);
    const quoted = /「(.+?)」/.exec(keep)![1]!;
    expect('非常抱歉让您久等了，您是说两周前提交的申请，到现在还没收到款，对吗？'.startsWith(quoted.replace(/…$/, ''))).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(24);
  });

  it('never praises what was said in the same reply as a threat', () => {
    const reply = '您可以先還一半，或者延後一個月再還；再不還錢，我們就打電話告訴您的單位和家人。';
    const { report, keep } = coach('zh-Hant', 'collection', [THREAT_HANT[0]!, reply]);
    // The reply offers two ways to pay, a collection step, beside the threat: it must not be praised.
    expect(report.turns[0]!.signals).toEqual(expect.arrayContaining(['collection.offer_options', 'conduct.threat']));
    expect(keep).not.toContain('先還一半');
    expect(keep).toBe(wording.KEEP_NOTHING.zh);
  });

  it('notes a civil tone when nothing stood out but nothing went wrong', () => {
    const { keep } = coach('en', 'general', ['Hello, I have a question about my account.', 'Yes.']);
    expect(keep).toMatch(/^Keep your calm, civil tone/);
  });
});

describe('start: the most important thing missing', () => {
  it('names the first complaint step never reached', () => {
    const { report, start } = coach('en', 'complaint', ['You charged me twice!', 'So you were charged twice on the 3rd, is that right?']);
    expect(report.summary.complaint_steps.covered).not.toContain('acknowledge');
    expect(start).toMatch(/^Start by taking the complaint on/);
  });

  it('asks for an open question once the steps are all there', () => {
    const { report, start } = coach('en', 'complaint', WELL_HANDLED_COMPLAINT);
    expect(report.summary.listening.open_questions).toBe(0);
    expect(start).toMatch(/open question/);
  });

  it('in collection, asks first what has changed for the borrower', () => {
    const { start } = coach('en', 'collection', ["I lost my job, I can't pay this month.", 'You need to pay 2,000 by Friday.']);
    expect(start).toMatch(/^Start by asking what has changed/);
  });

  it('in an application, asks for open questions to find the need', () => {
    const { start } = coach('en', 'application', ['I want a loan.', 'Our rate is 8 percent a year.']);
    expect(start).toMatch(/find the real need/);
  });

  it('asks for a reflection when the feeling was acknowledged but nothing repeated back', () => {
    const { report, start } = coach('en', 'general', ['I am worried about my account.', "I'm sorry to hear that, I understand how worrying this is."]);
    expect(report.summary.listening.reflections).toBe(0);
    expect(start).toMatch(/^Start repeating the customer's key facts/);
  });
});

describe('the session’s locale', () => {
  it('writes Traditional Chinese for zh-Hant and Simplified for zh-Hans, quoting the trainee as typed', () => {
    const hant = coach('zh-Hant', 'collection', THREAT_HANT);
    const hans = coach('zh-Hans', 'collection', THREAT_HANS);
    expect(hant.stop).toMatch(/^不要威脅客戶/);
    expect(hant.stop).toContain('「再不還錢，我們就打電話告訴您的單位和家人…」');
    expect(hans.stop).toMatch(/^不要威胁客户/);
    expect(hans.stop).toContain('「再不还钱，我们就打电话告诉您的单位和家人…」');
    for (const text of [hans.keep, hans.start, hans.stop]) expect(simplify(text)).toBe(text);
    for (const text of [hant.keep, hant.start, hant.stop]) expect(text).not.toMatch(/[们说这还让]/);
  });

  it('answers a session without a single reply in its own language', () => {
    expect(coach('en', 'complaint', ['Hello?']).keep).toMatch(/before your first reply/);
    expect(coach('zh-Hant', 'complaint', ['喂？']).stop).toBe(wording.NO_REPLY.stop.zh);
  });
});

describe('the wording tables', () => {
  const entries: Array<[string, wording.Words | Localized]> = [
    // What the rubric says of each signal, in every locale it is shown in.
    ...rubric.signals.flatMap((s) =>
      (['keep', 'stop', 'stopUnexplained'] as const).flatMap((kind) => {
        const words = s.coaching?.[kind];
        return words ? [[`${kind} ${s.id}`, words] as [string, Localized]] : [];
      }),
    ),
    ['keep all steps', wording.KEEP_ALL_STEPS],
    ['keep civil', wording.KEEP_CIVIL],
    ['keep nothing', wording.KEEP_NOTHING],
    ...Object.entries(wording.START),
    ['start harder', wording.START_HARDER],
    ...Object.entries(wording.NOTHING_TO_STOP),
    ...Object.entries(wording.NO_REPLY),
  ];

  it.each(entries)('%s has every language with the same placeholders', (_name, words) => {
    const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    const texts = 'zh' in words ? [words.en, words.zh] : [words.en, words['zh-Hans'], words['zh-Hant']];
    for (const text of texts) {
      expect(text.trim()).not.toBe('');
      expect(placeholders(text)).toEqual(placeholders(words.en));
    }
  });

  it('has a start line for every gap each scenario looks for', () => {
    for (const order of Object.values(wording.START_ORDER)) {
      for (const gap of order) if (gap !== 'steps') expect(wording.START[gap]).toBeDefined();
    }
  });
});
