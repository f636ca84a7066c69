/**
 * A trainee who tells the customer's situation back in their own words is credited with a
 * reflection, and informal but genuine warmth counts as acknowledging the feeling, in all
 * three languages; the words that earned each stay the evidence. Advice phrased as "you…",
 * a frame around something the customer never said, and a get-well wish do not count.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, customer: string, text: string) {
  const report = scoreTranscript(rubric, { locale, turns: [{ role: 'customer', text: customer }, { role: 'trainee', text }] });
  return report.turns.find((t) => t.index === 1)!;
}

type Case = readonly [Locale, string, string];

describe('a paraphrase of what the customer said', () => {
  it.each<Case>([
    ['en', 'I lost my job in March and now I cannot keep up with the repayments on the car loan.', 'What I am hearing is that since the job went, the car payments have become too much.'],
    ['en', 'I paid off the loan in June but you are still taking money from me every month.', 'It sounds like money keeps going out even though the loan is cleared.'],
    ['en', 'Since I moved to the new account you take the payment twice every month.', "You've been paying twice a month ever since the move to the new account."],
    ['zh-Hans', '我上个月失业了，房贷和车贷都还不上，每天都在发愁。', '听起来您失业以后，房贷车贷一下子都压过来了。'],
    ['zh-Hant', '退款說好上週一到帳，到現在都還沒收到。', '我聽下來，是那筆退款一直沒有進來。'],
    ['zh-Hans', '我老公生病住院，家里现在就靠我一个人挣钱。', '您现在是一个人挣钱养家，老公还在住院。'],
  ])('credits a reflection in %s: %s → %s', (locale, customer, text) => {
    const turn = reply(locale, customer, text);
    expect(turn.signals).toContain('listening.reflection');
    const evidence = turn.criteria.active_listening.evidence.map((e) => e.text).join(' ');
    expect(evidence.length).toBeGreaterThan(0);
  });

  it.each<Case>([
    ['en', 'The refund was promised last Monday and it still has not come through.', 'You can check the refund status in the app under Payments.'],
    ['en', 'I want to know why I was charged a late fee.', 'It sounds like a good idea to set up a direct debit for next time.'],
    ['zh-Hans', '退款说好上周一到账，到现在都还没收到。', '您可以在App的还款记录里查看退款进度。'],
  ])('credits no reflection for advice or an unrelated frame in %s: %s → %s', (locale, customer, text) => {
    expect(reply(locale, customer, text).signals).not.toContain('listening.reflection');
  });
});

describe('informal but genuine acknowledgement of the feeling', () => {
  it.each<Case>([
    ['en', 'They called my mother about my debt. I am so embarrassed.', 'Oh, that sucks. Let me stop those calls today.'],
    ['en', 'I have been on hold for two hours and nobody helps me.', "I feel you, two hours is a long time. I'm on it now."],
    ['en', 'I feel like I am the only one who cannot pay.', "You're not alone in this; lots of our customers have been here. Let's look at a plan."],
    ['zh-Hans', '我现在压力特别大，觉得自己什么都做不好。', '您不是一个人在扛，我们一起想办法。'],
    ['zh-Hant', '我真的很怕以後都借不到錢。', '撐住，我們一起把還款安排好。'],
    ['zh-Hant', '這個月收入少了一半，我快撐不下去了。', '這種感覺我懂，我們先把這個月的還款調整一下。'],
  ])('credits empathy.emotion in %s: %s → %s', (locale, customer, text) => {
    const turn = reply(locale, customer, text);
    expect(turn.signals).toContain('empathy.emotion');
    expect(turn.criteria.empathy.evidence.length).toBeGreaterThan(0);
  });

  it.each<Case>([
    ['zh-Hant', '我先生住院了，這個月可能會晚幾天繳。', '祝他早日康復。逾期期間的延滯金仍需全額繳納。'],
    ['en', 'My card was eaten by the machine.', "It's okay, we can order a new card for you today."],
  ])('credits no empathy.emotion for a wish or plain reassurance in %s: %s → %s', (locale, customer, text) => {
    expect(reply(locale, customer, text).signals).not.toContain('empathy.emotion');
  });
});
