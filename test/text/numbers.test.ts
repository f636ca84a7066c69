// Figures as values (server/text/numbers.ts): the same amount or duration said in
// words, digits or either Chinese script compares equal, so a reflection can be recognised.
import { describe, it, expect } from 'vitest';
import { normalize } from '../../server/text/normalize.ts';
import { numberMentions, parseChineseNumeral } from '../../server/text/numbers.ts';

/** The mentions in a text as a customer or trainee typed it (numbers run on the normal form). */
const mentions = (text: string) => numberMentions(normalize(text).norm);
const values = (text: string): number[] => mentions(text).map((m) => m.value);

describe('numberMentions', () => {
  it.each(['五萬', '五万', '5万', '5萬', '50,000', '50000'])('reads %s as 50000', (text) => {
    expect(values(text)).toEqual([50000]);
  });

  it('finds the amount inside a sentence, with its span', () => {
    const norm = normalize('我借了五萬塊，到現在還沒到帳').norm;
    const [m] = numberMentions(norm);
    expect(m).toMatchObject({ value: 50000, unit: '块' });
    expect(norm.slice(m!.start, m!.end)).toBe('五万');
  });

  it('reads 兩週 and 两个星期 as 2, each with its own measure word', () => {
    expect(mentions('兩週')).toEqual([{ value: 2, start: 0, end: 1, unit: '周' }]);
    expect(mentions('两个星期')).toEqual([{ value: 2, start: 0, end: 1, unit: '星' }]);
  });

  it('reads 三千五百 as 3500', () => {
    expect(values('三千五百')).toEqual([3500]);
    expect(parseChineseNumeral('三千五百')).toBe(3500);
  });

  it('reads compound numerals with 零 and big units', () => {
    expect(values('一千零五十')).toEqual([1050]);
    expect(values('二十万')).toEqual([200000]);
    expect(values('十五天')).toEqual([15]);
  });

  it('reads English number words', () => {
    expect(values('twice')).toEqual([2]);
    expect(mentions('two weeks')).toEqual([{ value: 2, start: 0, end: 3, unit: 'week' }]);
  });

  it('reads 5k as 5000', () => {
    expect(values('5k')).toEqual([5000]);
    expect(values('a 5K loan')).toEqual([5000]);
  });

  it('does not take the 一 of 一下 or 一点 for a number', () => {
    expect(mentions('請您稍等一下')).toEqual([]);
    expect(mentions('再等一点时间')).toEqual([]);
  });

  it('returns nothing for a text without figures', () => {
    expect(mentions('您好，請問有什麼可以幫您？')).toEqual([]);
  });

  // Spoken amounts with the last unit left out, and English "five thousand", must read as
  // the same figures a trainee repeats in digits, or the restatement goes unseen.
  it('reads 三千五 (colloquial 3500) as 3500', () => {
    expect(values('三千五')).toEqual([3500]);
  });

  it('reads 两万五 (colloquial 25000) as 25000', () => {
    expect(values('两万五')).toEqual([25000]);
  });

  it('reads "five thousand" as 5000', () => {
    expect(values('five thousand')).toEqual([5000]);
  });
});
