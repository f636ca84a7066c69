// What the browser learns of each scenario's process (`GET /api/signals`, signalCatalog.ts):
// the steps in order, each with its signal, label and goal in every interface language, and
// which signals fail a session.
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { SignalCatalog, signalCatalog } from '../../../server/scoring/rubric/signalCatalog.ts';

const catalog = SignalCatalog.parse(signalCatalog(loadDefaultRubric()));

describe('the catalog of processes', () => {
  it('has one process per scenario, each with its steps in the contract order', () => {
    expect(Object.fromEntries(catalog.processes.map((p) => [p.scenario, p.steps.map((s) => s.step)]))).toEqual({
      complaint: ['acknowledge', 'investigate', 'negotiate', 'follow_up'],
      collection: ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'],
      third_party: ['identify_speaker', 'no_disclosure', 'leave_callback'],
      application: ['discover_needs', 'explain_cost', 'documents_kyc', 'agree_next_step'],
      general: ['understand_problem', 'solve_or_guide', 'confirm_solved'],
    });
  });

  it('names each turn step by its signal, <scenario>.<step> (complaint.* for complaints), listed among the signals', () => {
    const ids = new Set(catalog.signals.map((s) => s.id));
    for (const process of catalog.processes) {
      for (const step of process.steps.filter((s) => !s.wholeCall)) {
        expect(step.signal).toBe(`${process.scenario}.${step.step}`);
        expect(ids.has(step.signal!)).toBe(true);
        expect(step.label).toEqual(catalog.signals.find((s) => s.id === step.signal)!.label);
      }
    }
  });

  it('gives no_disclosure as a whole-call step with no signal, and its own label', () => {
    const step = catalog.processes.find((p) => p.scenario === 'third_party')!.steps.find((s) => s.step === 'no_disclosure')!;
    expect(step).toMatchObject({ signal: null, wholeCall: true });
    expect(step.label.en).toMatch(/disclose nothing/);
  });

  it('gives every process a name and every step a goal in the three interface languages', () => {
    for (const process of catalog.processes) {
      for (const text of [process.name, ...process.steps.map((s) => s.goal)]) {
        expect(text.en).toMatch(/^[^\u4e00-\u9fff]+$/);
        expect(text['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
        expect(text['zh-Hant']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const collection = catalog.processes.find((p) => p.scenario === 'collection')!;
    expect(collection.steps[0]!.goal).toEqual({
      en: 'Verify the borrower before discussing the account',
      'zh-Hans': '先核实是借款人本人，再谈账务',
      'zh-Hant': '先核實是借款人本人，再談帳務',
    });
  });

  it('says which signals fail the session', () => {
    const failing = catalog.signals.filter((s) => s.failsSession).map((s) => s.id);
    expect(failing).toEqual(expect.arrayContaining(['conduct.threat', 'conduct.third_party_disclosure', 'conduct.abusive', 'conduct.credential_request']));
    expect(failing).not.toContain('conduct.false_promise');
    expect(catalog.signals.find((s) => s.id === 'empathy.emotion')!.failsSession).toBe(false);
  });
});
