// Adjacent character pairs (server/text/charPairs.ts): the test detectors use to skip segmenting a customer turn.
import { describe, expect, it } from 'vitest';
import { charPairs, sharesPair } from '../../server/text/charPairs.ts';

describe('charPairs / sharesPair', () => {
  it('finds a shared piece two characters long', () => {
    expect(sharesPair('我们马上帮您查还款记录', charPairs('我上个月已经还款了'))).toBe(true);
    expect(sharesPair('please check the payment', charPairs('my payment is late'))).toBe(true);
  });

  it('says no when only single characters are shared, so no word of the other text can occur', () => {
    // 还 and 了 occur in both, but no two of them side by side.
    expect(sharesPair('我们会尽快还您钱了', charPairs('我上个月已经还款了'))).toBe(false);
    expect(sharesPair('', charPairs('还款'))).toBe(false);
    expect(sharesPair('还款', charPairs('还'))).toBe(false);
  });

  it('tells apart pairs that differ only in order', () => {
    expect(sharesPair('款还', charPairs('还款'))).toBe(false);
  });
});
