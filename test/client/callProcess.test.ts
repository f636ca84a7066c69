// The call's own process as the interface shows it (client/src/shared/callProcess.ts): the
// steps of the call's scenario from the signal catalogue, the scorecard's checklist from the
// report's `summary.process`, and the goal panel's ticks from each reply's signals.
import { describe, expect, it } from 'vitest';
import { callProcess, liveSteps, processView, stepLines, type CatalogProcess } from '../../client/src/shared/callProcess.ts';
import type { ProcessSummary, SignalCatalog } from '../../client/src/shared/contract.ts';
import { signalNames } from '../../client/src/shared/signals.ts';
import { goalProgress } from '../../client/src/trainee/goalProgress.ts';
import { reportOf, scoreOf } from './sessionFixtures.ts';

const text = (en: string, hans: string, hant: string) => ({ en, 'zh-Hans': hans, 'zh-Hant': hant });
const step = (scenario: string, id: string, label: ReturnType<typeof text>, wholeCall = false) => ({
  step: id,
  signal: wholeCall ? null : `${scenario}.${id}`,
  label,
  goal: text(`Goal: ${label.en}`, `目标：${label['zh-Hans']}`, `目標：${label['zh-Hant']}`),
  wholeCall,
});

const PROCESSES: CatalogProcess[] = [
  {
    scenario: 'collection',
    name: text('Collection', '文明催收', '文明催收'),
    steps: [
      step('collection', 'verify_identity', text('Verify the borrower', '核实身份', '核實身分')),
      step('collection', 'state_purpose', text('State the purpose', '说明来意', '說明來意')),
      step('collection', 'understand_reason', text('Understand why', '了解原因', '了解原因')),
      step('collection', 'offer_options', text('Offer ways to pay', '提供还款方案', '提供還款方案')),
      step('collection', 'agree_plan', text('Agree amount and date', '约定金额和日期', '約定金額和日期')),
      step('collection', 'confirm_next', text('Confirm next steps', '确认后续', '確認後續')),
    ],
  },
  {
    scenario: 'third_party',
    name: text('Someone else answers', '第三方接听', '第三方接聽'),
    steps: [
      step('third_party', 'identify_speaker', text('Who is speaking', '确认对方身份', '確認對方身分')),
      step('third_party', 'no_disclosure', text('Disclose nothing', '不透露欠款', '不透露欠款'), true),
      step('third_party', 'leave_callback', text('Leave a callback', '留下回电方式', '留下回電方式')),
    ],
  },
];

/** A reply firing the signals given. */
const reply = (index: number, signals: string[]) => ({ ...scoreOf(index), signals });

describe("the call's own process", () => {
  it("is the scenario's, named in the interface language, and none for a scenario without one", () => {
    const collection = callProcess(PROCESSES, 'collection', 'zh-Hant');
    expect(collection?.name).toBe('文明催收');
    expect(collection?.steps.map((s) => s.label)).toEqual(['核實身分', '說明來意', '了解原因', '提供還款方案', '約定金額和日期', '確認後續']);
    expect(collection?.steps[0]?.goal).toBe('目標：核實身分');
    expect(callProcess(PROCESSES, 'general', 'en')).toBeNull();
    expect(callProcess(PROCESSES, undefined, 'en')).toBeNull();
  });

  it('comes with the signal catalogue, and a catalogue without processes gives none', () => {
    const signals: SignalCatalog['signals'] = [];
    const withProcesses = { rubric: 'lending-service-v1', signals, processes: PROCESSES };
    expect(signalNames(withProcesses, 'zh-Hans').process('third_party')?.steps.map((s) => s.label)).toEqual(['确认对方身份', '不透露欠款', '留下回电方式']);
    expect(signalNames({ rubric: 'lending-service-v1', signals, processes: [] }, 'en').process('collection')).toBeNull();
    expect(signalNames(null, 'en').process('collection')).toBeNull();
  });
});

describe("the scorecard's step list", () => {
  const process = callProcess(PROCESSES, 'collection', 'en')!;

  it('lists the steps covered in the order taken, with the reply that took each, then those missing', () => {
    const turns = [reply(1, ['collection.verify_identity']), reply(3, ['collection.offer_options', 'collection.state_purpose'])];
    const summary: ProcessSummary = {
      scenario: 'collection',
      steps: process.steps.map((s) => s.step),
      covered: ['verify_identity', 'offer_options', 'state_purpose'],
      missing: ['understand_reason', 'agree_plan', 'confirm_next'],
      in_order: false,
    };
    expect(stepLines(process, summary, turns)).toEqual([
      { step: 'verify_identity', label: 'Verify the borrower', done: true, reply: 1 },
      { step: 'offer_options', label: 'Offer ways to pay', done: true, reply: 2 },
      { step: 'state_purpose', label: 'State the purpose', done: true, reply: 2 },
      { step: 'understand_reason', label: 'Understand why', done: false, reply: null },
      { step: 'agree_plan', label: 'Agree amount and date', done: false, reply: null },
      { step: 'confirm_next', label: 'Confirm next steps', done: false, reply: null },
    ]);
  });

  it('is left out for a report without a process, and shows a whole-call step without a reply', () => {
    const report = reportOf(80);
    expect(processView(report, (s) => callProcess(PROCESSES, s, 'en'))).toBeNull();
    const thirdParty = {
      ...report,
      turns: [reply(1, ['third_party.identify_speaker']), reply(3, ['third_party.leave_callback'])],
      summary: {
        ...report.summary,
        process: {
          scenario: 'third_party' as const,
          steps: ['identify_speaker', 'no_disclosure', 'leave_callback'],
          covered: ['identify_speaker', 'no_disclosure', 'leave_callback'],
          missing: [],
          in_order: true,
        },
      },
    };
    const view = processView(thirdParty, (s) => callProcess(PROCESSES, s, 'en'));
    expect(view?.inOrder).toBe(true);
    expect(view?.lines.map((l) => [l.step, l.done, l.reply])).toEqual([
      ['identify_speaker', true, 1],
      ['no_disclosure', true, null],
      ['leave_callback', true, 2],
    ]);
    // Every step taken in order: the rubric has nothing to add.
    expect(view?.feedback).toBeNull();
  });

  it("carries the report's process feedback, in the session's language", () => {
    const report = reportOf(60);
    const missed = {
      ...report,
      turns: [reply(1, ['third_party.identify_speaker'])],
      summary: {
        ...report.summary,
        process: {
          scenario: 'third_party' as const,
          steps: ['identify_speaker', 'no_disclosure', 'leave_callback'],
          covered: ['identify_speaker', 'no_disclosure'],
          missing: ['leave_callback'],
          in_order: true,
          feedback: '他人接聽的流程少了一步：只留姓名、回電號碼和時間。',
        },
      },
    };
    expect(processView(missed, (s) => callProcess(PROCESSES, s, 'en'))?.feedback).toEqual({ text: '他人接聽的流程少了一步：只留姓名、回電號碼和時間。', locale: 'zh-Hant' });
  });
});

describe("the goal panel's ticks", () => {
  const tagsOf = (signal: string) => (signal === 'conduct.third_party_disclosure' ? ['misconduct', 'disclosure'] : []);

  it("tick the call's steps as the replies take them, in the process's order", () => {
    const process = callProcess(PROCESSES, 'collection', 'en')!;
    const turns = [reply(1, ['collection.verify_identity', 'empathy.emotion']), reply(3, ['collection.offer_options'])];
    const ticks = liveSteps(process, turns, tagsOf);
    expect(ticks.map((t) => [t.step.step, t.state])).toEqual([
      ['verify_identity', 'done'],
      ['state_purpose', 'open'],
      ['understand_reason', 'open'],
      ['offer_options', 'done'],
      ['agree_plan', 'open'],
      ['confirm_next', 'open'],
    ]);
    // A complaint step's signal is not a collection step.
    expect(liveSteps(process, [reply(1, ['complaint.acknowledge'])], tagsOf).every((t) => t.state === 'open')).toBe(true);
    expect(goalProgress(['complaint_process', 'empathy'], turns, ticks)).toEqual([
      { goal: 'complaint_process', score: 33 },
      { goal: 'empathy', score: 70 },
    ]);
  });

  it('hold "disclose nothing" from the first reply until a reply discloses', () => {
    const process = callProcess(PROCESSES, 'third_party', 'en')!;
    const state = (turns: ReturnType<typeof reply>[]) => liveSteps(process, turns, tagsOf).map((t) => t.state);
    expect(state([])).toEqual(['open', 'open', 'open']);
    expect(state([reply(1, ['third_party.identify_speaker'])])).toEqual(['done', 'done', 'open']);
    expect(state([reply(1, ['third_party.identify_speaker']), reply(3, ['third_party.leave_callback'])])).toEqual(['done', 'done', 'done']);
    expect(state([reply(1, ['third_party.identify_speaker']), reply(3, ['conduct.third_party_disclosure'])])).toEqual(['done', 'broken', 'open']);
  });
});
