// Long sentences (server/scoring/detectors/sentenceLength.ts): too long to follow when heard
// once. The default rubric allows 60 Chinese characters or 32 English words per sentence.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import type { Evidence, Locale, TurnScore } from '../../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, text: string): TurnScore {
  return scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;
}

const longSentences = (turn: TurnScore): Evidence[] =>
  turn.criteria.plain_language.evidence.filter((e) => e.signal === 'plain.long_sentence');

const ZH = '我們會盡快幫您處理這筆貸款';

/** `n` Chinese characters, with a comma after every ten (commas neither end a sentence nor count). */
const zhSentence = (n: number): string =>
  Array.from({ length: n }, (_, i) => ZH[i % ZH.length]! + (i % 10 === 9 ? '，' : '')).join('');

const enSentence = (n: number): string => Array.from({ length: n }, (_, i) => (i === 0 ? 'We' : 'will')).join(' ');

describe('plain.long_sentence', () => {
  it('allows a Chinese sentence of 60 characters, punctuation not counted', () => {
    expect(reply('zh-Hant', `${zhSentence(60)}。`).signals).not.toContain('plain.long_sentence');
  });

  it('flags a Chinese sentence of 61 characters', () => {
    const text = `${zhSentence(61)}。`;
    const turn = reply('zh-Hant', text);
    expect(turn.signals).toContain('plain.long_sentence');
    expect(longSentences(turn).map((e) => e.text)).toEqual([text]);
  });

  it('judges each sentence on its own: two short ones make no long one', () => {
    expect(reply('zh-Hans', `${zhSentence(40)}。${zhSentence(40)}！`).signals).not.toContain('plain.long_sentence');
  });

  it('points at the long sentence only', () => {
    const long = `${zhSentence(70)}。`;
    const turn = reply('zh-Hant', `非常抱歉。${long}謝謝您。`);
    expect(longSentences(turn).map((e) => e.text)).toEqual([long]);
  });

  it('ends sentences at full-width ！ and ？ too', () => {
    expect(reply('zh-Hant', `${zhSentence(40)}！${zhSentence(40)}？`).signals).not.toContain('plain.long_sentence');
  });

  it('allows an English sentence of 32 words', () => {
    expect(reply('en', `${enSentence(32)}.`).signals).not.toContain('plain.long_sentence');
  });

  it('flags an English sentence of 33 words', () => {
    const text = `${enSentence(33)}.`;
    const turn = reply('en', text);
    expect(longSentences(turn).map((e) => e.text)).toEqual([text]);
  });

  it('does not cut a sentence at a decimal point', () => {
    // 30 words, then "5.5% a year": over 32 words only if "5.5" does not end a sentence.
    const text = `${enSentence(30)} 5.5% a year.`;
    expect(reply('en', text).signals).toContain('plain.long_sentence');
  });

  it('costs plain-language points', () => {
    expect(reply('en', `${enSentence(40)}.`).criteria.plain_language.score).toBeLessThan(reply('en', 'We will call you.').criteria.plain_language.score);
  });
});
