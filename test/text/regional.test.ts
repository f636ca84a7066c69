// Regional wording (server/text/regional.ts): Taiwan and Hong Kong words match the mainland
// entries of the word lists, and evidence still quotes the words the trainee typed.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { normalize } from '../../server/text/normalize.ts';
import type { Locale, TurnScore } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, text: string): TurnScore {
  return scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;
}

describe('regional words in their mainland form', () => {
  it('matches Taiwan words (簡訊, 聯絡, 帳戶, 核准) as the mainland ones', () => {
    expect(normalize('已經發簡訊給您，請聯絡客服').norm).toBe(normalize('已经发短信给您，请联系客服').norm);
    expect(normalize('您的帳戶已經核准').norm).toBe(normalize('您的账户已经批准').norm);
    expect(normalize('讓您久候了').norm).toBe(normalize('让您久等了').norm);
  });

  it('matches Cantonese (我哋冇收到, 佢嘅) as Mandarin', () => {
    expect(normalize('我哋冇收到佢嘅錢').norm).toBe(normalize('我们没收到他的钱').norm);
    expect(normalize('唔好意思').norm).toBe(normalize('不好意思').norm);
  });

  it('keeps 唔該 ("thank you") apart from 不該 ("should not")', () => {
    expect(normalize('唔該晒').norm).not.toBe(normalize('不該晒').norm);
  });

  it('keeps the length, so evidence slices the text as typed', () => {
    const text = '伯母，你個仔喺我哋度借咗五萬蚊，而家一蚊都冇還，你勸下佢啦。';
    expect(normalize(text).norm).toHaveLength(text.length);
    const turn = reply('zh-Hant', text);
    const evidence = Object.values(turn.criteria).flatMap((c) => c.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(e.text).toBe(text.slice(e.start, e.end));
  });

  it('reads 我唔可以保證一定批 as a refusal to promise, as 我不可以保证一定批 is', () => {
    expect(reply('zh-Hant', '我唔可以保證一定批，不過資料齊嘅話一般三日內會有結果。').signals).not.toContain('conduct.false_promise');
    expect(reply('zh-Hans', '我不可以保证一定批，不过资料齐的话一般三日内会有结果。').signals).not.toContain('conduct.false_promise');
  });
});
