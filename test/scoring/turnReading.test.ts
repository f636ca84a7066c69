// What the customer reacts to in a scored turn (server/scoring/turnReading.ts): misconduct
// before dismissal, and the jargon term as the trainee wrote it.
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { readTurn } from '../../server/scoring/turnReading.ts';
import type { Locale } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const read = (locale: Locale, text: string) =>
  readTurn(rubric, scoreTranscript(rubric, { locale, scenario: 'complaint', turns: [{ role: 'trainee', text }] }).turns[0]!, 'complaint');

describe('readTurn', () => {
  it('reads a threat as misconduct, naming the signal', () => {
    expect(read('zh-Hant', '你再不還錢，我們就去你公司找你。').misconduct).toContain('conduct.threat');
  });

  it('reads a brush-off as dismissive, not as misconduct', () => {
    expect(read('zh-Hant', '請您冷靜一點，規定就是這樣。')).toMatchObject({ misconduct: [], dismissive: ['empathy.dismissive'] });
  });

  it('names the complaint steps taken and whether an open question was asked', () => {
    const reading = read('en', "I'm sorry, I'll take care of this. What happened when you tried to pay?");
    expect(reading.steps).toEqual(expect.arrayContaining(['acknowledge']));
    expect(reading.openQuestion).toBe(true);
    expect(read('en', 'Thank you for waiting.')).toMatchObject({ steps: [], openQuestion: false });
  });

  it('gives the jargon term as the trainee wrote it', () => {
    expect(read('zh-Hant', '撥款要先經過風控覆核。').jargonTerm).toBe('風控');
  });

  it('reads nothing in a plain, kind reply', () => {
    expect(read('en', "I'm sorry you have waited so long. Let me look into it for you.")).toMatchObject({ misconduct: [], dismissive: [], jargonTerm: null });
  });
});
