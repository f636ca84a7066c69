// The session summary (server/scoring/summary.ts): complaint steps and their order, listening
// ratios, the worst turn for conduct, and the weighted overall score.
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, loadDefaultRubric, readRubricFile } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { compileRubric, type CompiledRubric } from '../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../server/scoring/rubric/schema.ts';
import { CRITERIA, type Locale, type ScoreReport } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

type Line = [role: 'customer' | 'trainee', text: string];

function score(locale: Locale, lines: Line[], r: CompiledRubric = rubric): ScoreReport {
  return scoreTranscript(r, { locale, turns: lines.map(([role, text]) => ({ role, text })) });
}

describe('complaint steps', () => {
  const complaint: Line[] = [
    ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
    ['trainee', '非常抱歉讓您久等了，這件事我來幫您處理。'],
    ['customer', '你們到底什麼時候放款？'],
    ['trainee', '我幫您查一下放款進度。'],
    ['trainee', '我今天下午四點前打電話給您。'],
  ];

  it('lists the steps covered, in order, and the missing ones', () => {
    const { summary } = score('zh-Hant', complaint);
    expect(summary.complaint_steps).toEqual({
      covered: ['acknowledge', 'investigate', 'follow_up'],
      in_order: true,
      missing: ['negotiate'],
    });
    // Three of four steps, in order: 75.
    expect(summary.criteria.complaint_process).toBe(75);
  });

  it('is out of order when a remedy comes before the acknowledgement, and costs points', () => {
    const { summary } = score('zh-Hant', [
      ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
      ['trainee', '我們可以幫您加急。'],
      ['trainee', '這件事我來處理。'],
    ]);
    expect(summary.complaint_steps).toEqual({
      covered: ['negotiate', 'acknowledge'],
      in_order: false,
      missing: ['investigate', 'follow_up'],
    });
    // Two of four steps is 50, less the out-of-order penalty.
    expect(summary.criteria.complaint_process).toBeLessThan(50);
  });

  it('lists steps by their first occurrence; a step repeated later does not move', () => {
    const { summary } = score('zh-Hant', [
      ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
      ['trainee', '我幫您查一下放款進度。'],
      ['trainee', '這件事我來處理。我再幫您查一下。'],
      ['trainee', '我今天下午四點前打電話給您。我再幫您查一下。'],
    ]);
    expect(summary.complaint_steps).toEqual({ covered: ['investigate', 'acknowledge', 'follow_up'], in_order: false, missing: ['negotiate'] });
  });

  it('with no step at all: nothing covered, all four missing, complaint process 0', () => {
    const { summary } = score('en', [['customer', 'Hi.'], ['trainee', 'Thank you for your patience.']]);
    expect(summary.complaint_steps).toEqual({ covered: [], in_order: true, missing: ['acknowledge', 'investigate', 'negotiate', 'follow_up'] });
    expect(summary.criteria.complaint_process).toBe(0);
  });

  // Steps within one reply count in the order they were said, not the rubric's order.
  it('is out of order when one reply offers a remedy before acknowledging', () => {
    const { summary } = score('zh-Hant', [
      ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
      ['trainee', '我們可以幫您加急。這件事我來處理。'],
    ]);
    expect(summary.complaint_steps.in_order).toBe(false);
  });
});

describe('listening ratios', () => {
  it('counts reflections and open and closed questions, with their ratios', () => {
    const { summary } = score('en', [
      ['customer', 'I borrowed 5,000 in March and you charged me twice!'],
      ['trainee', 'So you borrowed 5,000 in March and were charged twice, is that right?'],
      ['customer', 'Yes.'],
      ['trainee', 'Could you tell me what happened when you called us?'],
      ['trainee', 'When did you call? Was it before 5pm?'],
    ]);
    expect(summary.listening).toEqual({
      reflections: 1,
      open_questions: 1,
      closed_questions: 3,
      reflection_to_question_ratio: 0.25,
      open_question_share: 0.25,
    });
  });

  it('gives null ratios when the trainee asked no question', () => {
    const { summary } = score('en', [
      ['customer', 'I borrowed 5,000 in March and you charged me twice!'],
      ['trainee', 'So you borrowed 5,000 in March and were charged twice. Let me check your account.'],
    ]);
    expect(summary.listening.reflections).toBe(1);
    expect(summary.listening.open_questions + summary.listening.closed_questions).toBe(0);
    expect(summary.listening.reflection_to_question_ratio).toBeNull();
    expect(summary.listening.open_question_share).toBeNull();
  });

  // Two Chinese questions written back to back (no space after ？) are two questions.
  it('counts two back-to-back Chinese questions as two', () => {
    const { summary } = score('zh-Hant', [
      ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
      ['trainee', '您是什麼時候申請的？是在網上申請的嗎？'],
    ]);
    expect(summary.listening.closed_questions).toBe(2);
  });
});

describe('session scores', () => {
  const lines: Line[] = [
    ['customer', 'I borrowed 5,000 in March and you charged me twice!'],
    ['trainee', 'Thank you for your patience.'],
    ['trainee', 'I guarantee you will get a refund today.'],
    ['trainee', 'Let me check your account.'],
  ];

  it('conduct is the worst turn, not the mean', () => {
    const report = score('en', lines);
    const conduct = report.turns.map((t) => t.criteria.conduct.score);
    expect(conduct).toEqual([100, 40, 100]);
    expect(report.summary.criteria.conduct).toBe(40);
  });

  it('a mean criterion is the rounded mean of the turns', () => {
    const report = score('en', lines);
    const listening = report.turns.map((t) => t.criteria.active_listening.score);
    expect(report.summary.criteria.active_listening).toBe(Math.round(listening.reduce((a, b) => a + b, 0) / listening.length));
  });

  it('overall is the mean of the criteria weighted by the rubric (25/20/15/20/20)', () => {
    // An upset customer: empathy is judged on this emotional moment, so all five criteria count.
    const upset: Line[] = [['customer', 'I borrowed 5,000 in March and you charged me twice! I am so upset.'], ['trainee', 'Thanks for calling.'], ...lines.slice(2)];
    const { summary } = score('en', upset);
    const c = summary.criteria;
    const weighted = c.empathy * 25 + c.active_listening * 20 + c.plain_language * 15 + c.complaint_process * 20 + c.conduct * 20;
    expect(summary.overall).toBe(Math.round(weighted / 100));
    // Not the plain mean: the weights matter here.
    const plain = Math.round(CRITERIA.reduce((sum, id) => sum + c[id], 0) / CRITERIA.length);
    expect(summary.overall).not.toBe(plain);
  });

  it('overall follows the weights a rubric gives', () => {
    const file = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));
    const criteria = Object.fromEntries(
      Object.entries(file.criteria).map(([id, c]) => [id, { ...c, weight: id === 'conduct' ? 1000 : 1 }]),
    );
    const conductHeavy = compileRubric(RubricFile.parse({ ...file, criteria }));
    const { summary } = score('en', lines, conductHeavy);
    expect(summary.criteria.conduct).toBe(40);
    expect(Math.abs(summary.overall - 40)).toBeLessThanOrEqual(1);
  });
});
