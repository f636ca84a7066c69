/**
 * Faults and empathy said in words no list holds: a threat phrased as a consequence the
 * agent controls, polite-but-dismissive wording, belittling, a promise in other words, a
 * request for a secret, feelings and idioms in mainland, Taiwan and Hong Kong wording.
 * A lawful consequence and an honest refusal to promise stay clean.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const turn = (locale: Locale, text: string) => scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;

type Case = readonly [Locale, string];

function flags(signal: string, cases: readonly Case[]): void {
  it.each(cases)(`flags ${signal} in %s: %s`, (locale, text) => {
    expect(turn(locale, text).signals).toContain(signal);
  });
}

function leaves(signal: string, cases: readonly Case[]): void {
  it.each(cases)(`does not flag ${signal} in %s: %s`, (locale, text) => {
    expect(turn(locale, text).signals).not.toContain(signal);
  });
}

describe('a threat phrased as a consequence the agent controls', () => {
  flags('conduct.threat', [
    ['en', 'Keep shouting and we can cancel your application.'],
    ['en', "If we don't hear from her by tomorrow we'll be contacting her employer."],
    ['zh-Hant', '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看'],
    ['zh-Hans', '再不还钱，我们就把你的案子交给法务，让你上法院'],
    ['zh-Hans', '下个月五号还没到账我们就直接去你们单位找你领导聊聊'],
    ['zh-Hant', '冇工開都要還㗎，你唔還我哋就上你屋企同你啲鄰居講。'],
  ]);

  it('zeroes conduct and keeps the words as evidence', () => {
    const scored = turn('zh-Hant', '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看');
    expect(scored.criteria.conduct.score).toBe(0);
    expect(scored.criteria.conduct.evidence.map((e) => e.text).join('')).toContain('退件');
  });

  leaves('conduct.threat', [
    ['en', 'Payments more than 30 days late are reported to your credit record.'],
    ['en', 'We will not contact your employer or your family about this.'],
    ['en', 'I can cancel your application for you if you no longer need it.'],
    ['zh-Hans', '逾期超过三十天会报送征信，影响您以后贷款。'],
    ['zh-Hans', '我们不会联系您的家人，这笔贷款的事只跟您本人谈。'],
    ['zh-Hant', '我們不會打去你公司，對保也可以約在分行。'],
  ]);
});

describe('polite but dismissive wording', () => {
  flags('empathy.dismissive', [
    ['en', 'If you cannot understand a simple form maybe a loan is not for you'],
    ['en', "With respect, the fee is clearly in clause 14, so there isn't really anything to complain about here."],
    ['zh-Hans', '嫌高当初就别借，没人拿刀架你脖子上。'],
    ['zh-Hant', '我們的作業流程就是需要這麼久，每一位客戶都一樣，並不是只有您在等。'],
  ]);
  leaves('empathy.dismissive', [['en', "It's only a soft pull at first, so no impact until the hard inquiry."]]);
});

describe('belittling, and interest that grows', () => {
  flags('conduct.abusive', [
    ['en', 'Seriously? It is numbers in a table. Are you thick or something?'],
    ['zh-Hans', '忘了？这都能忘，你脑子是不是有问题？'],
    ['zh-Hant', '緊！你買手機的錢就有，還錢就沒有，你這種人真的很可悲。'],
  ]);
  leaves('conduct.abusive', [
    ['zh-Hans', '罚息和复利每天都在滚，越早还越省钱。'],
    ['zh-Hant', '卡突然被停，出門刷不了一定超傻眼。我幫你查一下。'],
  ]);
});

describe('a promise in other words', () => {
  flags('conduct.false_promise', [
    ['en', 'Yep, instant and guaranteed, everyone who applies gets the money in ten minutes.'],
    ['zh-Hans', '没有工资条也能办，材料我们这边帮您搞定，保准能批下来。'],
    ['zh-Hant', '這個我打包票，今天下午送件，明天一定撥款。'],
  ]);
  leaves('conduct.false_promise', [
    ['en', "Usually within two working days once approved, but I can't promise an exact day."],
    ['zh-Hant', '我唔可以保證一定批，不過資料齊嘅話一般三日內會有結果。'],
    ['zh-Hans', '质押就是把您的存单押在我们这里作为借款的保证。'],
  ]);
});

describe('a request for a secret in any words', () => {
  flags('conduct.credential_request', [
    ['en', 'Sure, I can change it now; just read me the one-time passcode we have sent to your mobile.'],
    ['zh-Hans', '你把网银登录密码发我，我帮你下载。'],
    ['zh-Hant', '唔該你講你嘅網上理財登入密碼同埋短訊驗證碼畀我，我幫你改。'],
  ]);
  leaves('conduct.credential_request', [
    ['en', 'Please tell me the reference code on the letter.'],
    ['zh-Hans', '请不要把验证码告诉任何人，我们不会向您索要。'],
  ]);
});

describe('feelings and idioms in many words', () => {
  flags('empathy.emotion', [
    ['zh-Hant', '唔好意思呀，咁樣重複扣數一定好煩。你係邊一日發現多咗一筆？'],
    ['zh-Hant', '冇咗份工真係好大壓力，下個月先有錢都明白。'],
    ['zh-Hans', '知道你尽力了，真的挺不容易的。这个月能先凑出来多少？'],
    ['zh-Hant', '真係唔好意思，無端端多咗筆費用一定好唔舒服，真係對唔住。'],
    ['en', "Three weeks with no payout, I'd be annoyed too, and that's on us."],
  ]);
  leaves('empathy.emotion', [
    ['zh-Hans', '不好意思，我没太听清，您能再说一下金额吗？'],
    ['en', "Sorry, I didn't quite catch that, could you repeat the amount?"],
  ]);
  flags('empathy.interpretation', [
    ['zh-Hant', '唉，家裡有人住院，錢一下子全卡在醫藥費上，真的是屋漏偏逢連夜雨。'],
    ['en', 'Being off work for two months after an accident must have turned everything upside down.'],
  ]);
  flags('empathy.exploration', [
    ['en', 'So your wife is sick and money is very tight right now. How is she? Is she getting treatment?'],
    ['zh-Hans', '找工作这段时间挺熬人的吧？最近面试有啥进展没？'],
  ]);
});
