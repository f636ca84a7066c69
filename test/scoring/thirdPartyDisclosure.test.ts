// Disclosure to a third party (conduct.third_party_disclosure): a relative, friend or
// employer is told of the borrower's debt, in English, Chinese or both at once.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Locale, TurnScore } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const SIGNAL = 'conduct.third_party_disclosure';

function reply(locale: Locale, text: string, customer: string[] = []): TurnScore {
  const turns = [...customer.map((t) => ({ role: 'customer' as const, text: t })), { role: 'trainee' as const, text }];
  return scoreTranscript(rubric, { locale, turns }).turns.at(-1)!;
}

describe('relatives as third parties', () => {
  it("flags a spouse's overdue loan named to them, in Traditional Chinese with English words", () => {
    const turn = reply('zh-Hant', '您先生的personal loan已經overdue了，麻煩您幫忙remind他。');
    expect(turn.signals).toContain(SIGNAL);
  });

  it("flags 他的loan已經overdue told to whoever answered", () => {
    expect(reply('zh-Hant', 'OK，那麻煩你跟他說一下，他的loan已經overdue兩個月了，叫他趕快call back。').signals).toContain(SIGNAL);
  });

  it("flags 你老公欠的钱 and a Cantonese 你個仔 … 冇還", () => {
    expect(reply('zh-Hans', '你老公欠的钱到现在还没还。').signals).toContain(SIGNAL);
    expect(reply('zh-Hant', '伯母，你個仔喺我哋度借咗五萬蚊，而家一蚊都冇還，你勸下佢啦。').signals).toContain(SIGNAL);
  });

  it('flags any word of the debt once the caller said they are the mother or the son', () => {
    expect(reply('en', 'Yeah, tell him he can\'t pay back a measly grand.', ["He's my son, he's at football. Can I help?"]).signals).toContain(SIGNAL);
    expect(reply('en', "Your daughter hasn't paid, please remind her.", ["I'm calling about my daughter's loan."]).signals).toContain(SIGNAL);
  });

  it('flags threats to tell the family, the landlord or the manager', () => {
    expect(reply('en', "If you keep ignoring us we'll tell your manager exactly why we're calling.").signals).toContain(SIGNAL);
    expect(reply('en', "We'll keep ringing your mum till she's sick of you.").signals).toContain(SIGNAL);
    expect(reply('zh-Hans', '下个月五号还没到账我们就直接去你们单位找你领导聊聊').signals).toContain(SIGNAL);
  });

  it("does not flag the borrower's own family mentioned kindly, or a question about who called", () => {
    expect(reply('en', 'I hope your mum is feeling better. Shall we look at a plan for this month?').signals).not.toContain(SIGNAL);
    expect(reply('zh-Hant', '蛤？他們是打給你公司哪一個人？').signals).not.toContain(SIGNAL);
    expect(reply('zh-Hans', '我们不会打给你爸妈，这件事只跟您本人谈。').signals).not.toContain(SIGNAL);
  });
});
