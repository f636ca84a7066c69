/**
 * `conduct.credential_request`, the rubric's own signal beside the contract's: staff never
 * ask a customer for a verification code or password; warning them about it is right.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const turn = (locale: Locale, text: string) => scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;

describe('asking for a verification code or password', () => {
  it.each([
    ['zh-Hant', '請您把簡訊上的驗證碼唸給我，我幫您解鎖。'],
    ['zh-Hans', '您手机收到的六位数密码是多少？'],
    ['en', 'Just read me the code we sent to your phone.'],
  ] as const)('is flagged in %s and zeroes conduct', (locale, text) => {
    const scored = turn(locale, text);
    expect(scored.signals).toContain('conduct.credential_request');
    expect(scored.criteria.conduct.score).toBe(0);
  });

  it.each([
    ['zh-Hant', '我們不會跟您要驗證碼，任何人問都不要給。'],
    ['zh-Hans', '银行绝不会找您要密码和验证码，谁要都别给。'],
    ['en', 'We will never ask you for a code, so please do not give it to anyone.'],
  ] as const)('is not flagged for a warning in %s', (locale, text) => {
    expect(turn(locale, text).signals).not.toContain('conduct.credential_request');
  });
});

describe('contempt for what the customer cannot do', () => {
  it('is dismissive, and no question to answer', () => {
    const scored = turn('zh-Hant', '這麼簡單都不會喔？');
    expect(scored.signals).toContain('empathy.dismissive');
    expect(scored.signals).not.toContain('listening.open_question');
    expect(scored.signals).not.toContain('listening.closed_question');
  });
});
