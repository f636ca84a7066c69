// Co-occurrence (server/scoring/detectors/cooccurrence.ts): one phrase of each group in one
// sentence. A follow-up needs a commitment AND a time or channel; a disclosure needs a third
// party AND the debt, un-negated.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import type { Evidence, Locale, TurnScore } from '../../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

function reply(locale: Locale, text: string): TurnScore {
  return scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!;
}

const followUps = (turn: TurnScore): Evidence[] =>
  turn.criteria.complaint_process.evidence.filter((e) => e.signal === 'complaint.follow_up');

describe('complaint.follow_up: a commitment and a time or channel', () => {
  it('"I\'ll call you back by 4pm today" is a follow-up', () => {
    const turn = reply('en', "I'll call you back by 4pm today.");
    expect(turn.signals).toContain('complaint.follow_up');
    expect(followUps(turn).map((e) => e.text)).toEqual(["I'll call you back by 4pm today"]);
  });

  it('"I\'ll get back to you" is not: no time, no channel', () => {
    expect(reply('en', "I'll get back to you.").signals).not.toContain('complaint.follow_up');
  });

  it('我今天下午四點前打電話給您 is a follow-up, in either script', () => {
    const hant = reply('zh-Hant', '我今天下午四點前打電話給您。');
    expect(hant.signals).toContain('complaint.follow_up');
    expect(followUps(hant).map((e) => e.text)).toEqual(['今天下午四點前打電話給您']);
    expect(reply('zh-Hans', '我今天下午四点前打电话给您。').signals).toContain('complaint.follow_up');
  });

  it('我回頭再聯繫您 is not: no time, no channel', () => {
    expect(reply('zh-Hant', '我回頭再聯繫您。').signals).not.toContain('complaint.follow_up');
    expect(reply('zh-Hans', '我回头再联系您。').signals).not.toContain('complaint.follow_up');
  });

  it('needs both in the same sentence', () => {
    expect(reply('en', "I'll look into it. Tomorrow is a bank holiday.").signals).not.toContain('complaint.follow_up');
  });

  it('counts only in a statement, not in a question', () => {
    expect(reply('en', 'Would you like me to call you tomorrow?').signals).not.toContain('complaint.follow_up');
  });

  it('does not count a negated commitment', () => {
    expect(reply('en', "I won't call you today.").signals).not.toContain('complaint.follow_up');
    expect(reply('zh-Hans', '我不会今天打电话给您。').signals).not.toContain('complaint.follow_up');
  });

  it('does not count a sentence holding an `unless` word ("never")', () => {
    expect(reply('en', 'I will never call you at work.').signals).not.toContain('complaint.follow_up');
  });
});

describe('conduct.third_party_disclosure: a third party and the debt', () => {
  it('telling the family about the debt is a disclosure, with both parts in the evidence', () => {
    const turn = reply('en', 'We will tell your family about the debt.');
    expect(turn.signals).toContain('conduct.third_party_disclosure');
    expect(turn.criteria.conduct.evidence.map((e) => e.text)).toEqual(['tell your family about the debt']);
    expect(turn.criteria.conduct.score).toBe(0);
  });

  it('the family alone, without the debt, is not', () => {
    expect(reply('en', 'Please say hello to your family.').signals).not.toContain('conduct.third_party_disclosure');
  });

  it('promising not to tell them is not', () => {
    expect(reply('en', 'We will not tell your family about the debt.').signals).not.toContain('conduct.third_party_disclosure');
    expect(reply('zh-Hans', '我们不会联系您的家人说您欠款的事。').signals).not.toContain('conduct.third_party_disclosure');
  });
});
