// A persona line's placeholders (server/personas/fillLine.ts): the persona's own facts
// go in; anything else, an inherited object key included, stays as written.
import { describe, expect, it } from 'vitest';
import { fillLine } from '../../../server/personas/fillLine.ts';

describe('fillLine', () => {
  it('fills a fact and the jargon term, and leaves an unknown name as written', () => {
    expect(fillLine('您說的那{amount}，還有{term}？{amout}', { amount: '五十萬', term: '撥貸' })).toBe('您說的那五十萬，還有撥貸？{amout}');
  });

  it('never fills a name every object inherits', () => {
    expect(fillLine('{constructor} {tostring} {__proto__}', { amount: '$18,000' })).toBe('{constructor} {tostring} {__proto__}');
  });
});
