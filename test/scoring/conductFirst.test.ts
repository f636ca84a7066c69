// Conduct first (server/scoring/conductFirst.ts, summary.ts): a reply with a conduct fault is
// never the best reply and is the weakest; a signal the rubric marks fails_session fails the
// session and caps its overall score.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, loadDefaultRubric, readRubricFile } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { compileRubric } from '../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../server/scoring/rubric/schema.ts';
import type { Locale, Scenario, ScoreReport } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

type Line = [role: 'customer' | 'trainee', text: string];

function score(locale: Locale, scenario: Scenario, lines: Line[], r = rubric): ScoreReport {
  return scoreTranscript(r, { locale, scenario, turns: lines.map(([role, text]) => ({ role, text })) });
}

// A collection call whose threat also reflects, names the hardship and offers two ways to pay,
// while the other replies are full of jargon: on points alone the threat would be the best reply.
const THREAT_CALL: Line[] = [
  ['customer', '喂？'],
  ['trainee', '您的逾期罰息按LPR加點計算，採等額本息攤還，展期要另外收費，徵信也會受影響。'],
  ['customer', '我這個月失業了，實在還不上。'],
  ['trainee', '您是說這個月失業了、還不上，對嗎？失業真的很不容易，難怪您這麼焦慮。您可以先還一半，或者延後一個月再還；但再不還錢，我們就派人到您家裡去。'],
  ['customer', '你們怎麼能這樣！'],
  ['trainee', '罰息照LPR算，展期要另外收費，徵信會受影響。'],
];

/** A reply's weighted score over the five criteria, as the rubric weighs them. */
function total(report: ScoreReport, index: number): number {
  const turn = report.turns.find((t) => t.index === index)!;
  return Object.entries(turn.criteria).reduce((sum, [id, c]) => sum + c.score * rubric.criteria[id as keyof typeof rubric.criteria].weight, 0);
}

describe('best and weakest reply', () => {
  it('a reply with a threat is never the best, and is the weakest', () => {
    const report = score('zh-Hant', 'collection', THREAT_CALL);
    const threat = report.turns.find((t) => t.signals.includes('conduct.threat'))!;
    expect(threat.index).toBe(3);
    expect(threat.signals).toContain('collection.offer_options');
    expect(total(report, 3)).toBeGreaterThan(Math.max(total(report, 1), total(report, 5)));
    expect(report.summary.best_turn).not.toBe(3);
    expect(report.summary.weakest_turn).toBe(3);
  });

  it('the best reply is the highest-scoring clean one; the weakest the lowest of the rest', () => {
    const report = score('en', 'complaint', [
      ['customer', 'You took my repayment twice this month!'],
      ['trainee', 'OK.'],
      ['customer', '320 on the 3rd and 320 on the 4th.'],
      ['trainee', "I'm so sorry about the double charge. So 320 came out on the 3rd and again on the 4th? Let me check your account; I'll take care of this."],
    ]);
    expect(report.summary.best_turn).toBe(3);
    expect(report.summary.weakest_turn).toBe(1);
  });

  it('with every reply at fault there is no best reply; the worst fault is the weakest', () => {
    const report = score('en', 'collection', [
      ['customer', 'I lost my job.'],
      ['trainee', "That's not our problem, deadbeat."],
      ['customer', 'Please.'],
      ['trainee', "Pay by Friday or we'll tell your employer you owe us."],
    ]);
    expect(report.turns.every((t) => t.criteria.conduct.score < 100)).toBe(true);
    expect(report.summary.best_turn).toBeNull();
    expect(report.summary.weakest_turn).not.toBeNull();
  });

  it('a single clean reply is the best and nothing is the weakest', () => {
    const { summary } = score('en', 'general', [['customer', 'Hello?'], ['trainee', 'Hello, how may I help you today?']]);
    expect(summary.best_turn).toBe(1);
    expect(summary.weakest_turn).toBeNull();
  });
});

describe('a failed session', () => {
  it('names the failing signals and turns, and caps the overall at the rubric fail_cap', () => {
    const report = score('zh-Hant', 'collection', THREAT_CALL);
    expect(report.summary.failed).toEqual({ signals: ['conduct.threat'], turns: [3] });
    expect(report.summary.overall).toBeLessThanOrEqual(40);
  });

  it('is not failed by a fault the rubric does not mark fails_session', () => {
    const report = score('en', 'application', [['customer', 'Will I get the loan?'], ['trainee', "You're guaranteed approval, no problem."]]);
    expect(report.turns[0]!.signals).toContain('conduct.false_promise');
    expect(report.summary.failed).toBeNull();
  });

  it('without the cap the same call scores higher: the cap is what failing costs', () => {
    const file = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));
    const uncapped = compileRubric(
      RubricFile.parse({
        ...file,
        criteria: { ...file.criteria, conduct: { ...file.criteria.conduct, fail_cap: 100 } },
      }),
    );
    const capped = score('zh-Hant', 'collection', THREAT_CALL).summary.overall;
    const free = score('zh-Hant', 'collection', THREAT_CALL, uncapped).summary.overall;
    expect(capped).toBe(Math.min(free, 40));
    expect(free).toBeGreaterThan(40);
  });

  it('a clean call is not failed', () => {
    expect(score('en', 'general', [['customer', 'Hi.'], ['trainee', 'Hello, how may I help?']]).summary.failed).toBeNull();
  });

  it('a rubric that marks a signal fails_session must give fail_cap', () => {
    const file = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));
    const { fail_cap: _cap, ...conduct } = file.criteria.conduct;
    const parsed = RubricFile.safeParse({ ...file, criteria: { ...file.criteria, conduct } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['criteria', 'conduct', 'fail_cap']);
  });
});
