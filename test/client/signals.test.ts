// The rubric's signals as the interface shows them (client/src/shared/signals.ts): the label
// in the interface language and the tone, both from `GET /api/signals`; an id the catalogue
// lacks shows in readable words, neutral, and nothing throws. The hints after a reply take
// their tones from it (client/src/trainee/hints.ts).
import { describe, expect, it } from 'vitest';
import type { SignalCatalog, TurnScore } from '../../client/src/shared/contract.ts';
import { readableSignalId, signalNames } from '../../client/src/shared/signals.ts';
import { hintsFor } from '../../client/src/trainee/hints.ts';

const CATALOG: SignalCatalog = {
  rubric: 'lending-service-v1',
  signals: [
    { id: 'listening.reflection', criterion: 'active_listening', tone: 'good', tags: [], label: { en: 'reflection', 'zh-Hans': '复述', 'zh-Hant': '複述' }, failsSession: false },
    { id: 'plain.jargon', criterion: 'plain_language', tone: 'bad', tags: ['jargon'], label: { en: 'jargon', 'zh-Hans': '术语', 'zh-Hant': '術語' }, failsSession: false },
    { id: 'listening.closed_question', criterion: 'active_listening', tone: 'neutral', tags: [], label: { en: 'closed question', 'zh-Hans': '封闭式提问', 'zh-Hant': '封閉式提問' }, failsSession: false },
    {
      id: 'conduct.credential_request',
      criterion: 'conduct',
      tone: 'bad',
      tags: ['misconduct'],
      label: { en: 'asking for a code or password', 'zh-Hans': '索要验证码或密码', 'zh-Hant': '索取驗證碼或密碼' },
      failsSession: true,
    },
  ],
  processes: [],
};

describe("a signal's label and tone", () => {
  it("come from the rubric's catalogue, in the interface language", () => {
    expect(signalNames(CATALOG, 'en').label('listening.reflection')).toBe('reflection');
    expect(signalNames(CATALOG, 'zh-Hans').label('plain.jargon')).toBe('术语');
    expect(signalNames(CATALOG, 'zh-Hant').label('conduct.credential_request')).toBe('索取驗證碼或密碼');
    expect(['listening.reflection', 'plain.jargon', 'listening.closed_question'].map(signalNames(CATALOG, 'en').tone)).toEqual(['good', 'bad', 'neutral']);
  });

  it('show an id the catalogue lacks in readable words, neutral', () => {
    const names = signalNames(CATALOG, 'zh-Hant');
    expect(names.label('conduct.recording_without_consent')).toBe('recording without consent');
    expect(names.tone('conduct.recording_without_consent')).toBe('neutral');
    expect(readableSignalId('plain')).toBe('plain');
    expect(readableSignalId('')).toBe('');
    expect(readableSignalId('a.')).toBe('a.');
  });

  it('still show, readable and neutral, when the catalogue could not be loaded', () => {
    const names = signalNames(null, 'en');
    expect(names.label('listening.open_question')).toBe('open question');
    expect(names.tone('plain.jargon')).toBe('neutral');
  });
});

describe('the hints after a reply', () => {
  const score: TurnScore = {
    index: 1,
    role: 'trainee',
    signals: ['plain.jargon', 'listening.reflection', 'conduct.credential_request'],
    listening: { reflections: 1, open_questions: 0, closed_questions: 0 },
    criteria: {
      empathy: { score: 70, evidence: [], feedback: '' },
      active_listening: { score: 80, evidence: [{ start: 9, end: 12, text: '您是說', signal: 'listening.reflection' }], feedback: '' },
      complaint_process: { score: 70, evidence: [], feedback: '' },
      plain_language: {
        score: 40,
        evidence: [{ start: 0, end: 4, text: '年化利率', signal: 'plain.jargon', suggestion: '一年的利息是多少' }],
        feedback: '少用術語。',
      },
      conduct: { score: 0, evidence: [{ start: 5, end: 8, text: '驗證碼', signal: 'conduct.credential_request' }], feedback: '不可索取驗證碼。' },
    },
  };

  it("put what worked first and quote what cost points, with the rubric's tones", () => {
    const { items, tip } = hintsFor(score, signalNames(CATALOG, 'en').tone);
    expect(items.map((i) => [i.signal, i.tone])).toEqual([
      ['listening.reflection', 'good'],
      ['plain.jargon', 'bad'],
      ['conduct.credential_request', 'bad'],
    ]);
    expect(items[1]!.details).toEqual([{ text: '年化利率', suggestion: '一年的利息是多少' }]);
    expect(items[2]!.details).toEqual([{ text: '驗證碼' }]);
    expect(tip).toEqual({ criterion: 'conduct', text: '不可索取驗證碼。' });
  });
});
