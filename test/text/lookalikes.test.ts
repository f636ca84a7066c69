// Text as a reader sees it (server/text/lookalikes.ts): what a guard matches must not depend
// on invisible characters, full width, styled letters or Cyrillic and Greek look-alikes.
import { describe, expect, it } from 'vitest';
import { foldLookalikes, withoutInvisibles } from '../../server/text/lookalikes.ts';

describe('withoutInvisibles', () => {
  it('drops every character that shows nothing, and nothing else', () => {
    const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066', '\ufe0f', '\u180e'];
    for (const ch of invisible) expect(withoutInvisibles(`A${ch}I`), JSON.stringify(ch)).toBe('AI');
    expect(withoutInvisibles('我的錢什麼時候到？ Okay — fine, café.')).toBe('我的錢什麼時候到？ Okay — fine, café.');
  });
});

describe('foldLookalikes', () => {
  it.each([
    ['a zero-width space', 'A\u200bI', 'AI'],
    ['full width', 'ＡＩ', 'AI'],
    ['a Cyrillic А', '\u0410I', 'AI'],
    ['a Greek Ι', 'A\u0399', 'AI'],
    ['mathematical bold', '𝐀𝐈', 'AI'],
    ['circled letters', 'Ⓐⓘ', 'Ai'],
    ['Cyrillic in a sentence', 'I am а соmputer prоgrаm', 'I am a computer program'],
    ['a soft hyphen and a word joiner', 'lan\u00adguage mo\u2060del', 'language model'],
    ['a ligature', 'ﬁne', 'fine'],
  ])('reads %s as plain Latin', (_what, text, read) => {
    expect(foldLookalikes(text)).toBe(read);
  });

  it('leaves Chinese characters and accents as they are (full-width punctuation reads half-width)', () => {
    expect(foldLookalikes('我是陳先生，café 的老闆。')).toBe('我是陳先生,café 的老闆。');
  });
});
