// test/eval/ownCalls.ts: labelled whole calls are checked against the contract's scenario
// processes before anything is measured, and the step agreement counts what a reader expects.
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { measureCalls, parseCalls } from './ownCalls.ts';

const complaintCall = `
- id: en-call-x01
  scenario: complaint
  turns:
    - customer: "My repayment of $320 was taken twice on Monday!"
    - trainee: "I'm so sorry about that, I'll take care of this for you."
      steps: [acknowledge]
    - customer: "Yes, twice."
    - trainee: "Let me check your account now. Could you give me your loan number?"
      steps: [investigate]
  expected:
    covered: [acknowledge, investigate]
    in_order: true
`;

describe('labelled whole calls', () => {
  it('names the file, the call and the field of a step that is not the scenario\u2019s', () => {
    expect(() => parseCalls('en', complaintCall.replace('steps: [investigate]', 'steps: [verify_identity]'), 'bad-step.yaml')).toThrow(/bad-step\.yaml, call #1: turns\.3\.steps\.0: "verify_identity" is not a complaint step/);
  });

  it('refuses a whole-call step on a turn', () => {
    expect(() => parseCalls('en', complaintCall.replace('scenario: complaint', 'scenario: third_party').replace('steps: [acknowledge]', 'steps: [no_disclosure]'), 'turn-step.yaml')).toThrow(/"no_disclosure" belongs to the whole call, not to a turn/);
  });

  it('counts a call whose steps the engine finds on the labelled turns as exact', () => {
    const measured = measureCalls(loadDefaultRubric(), parseCalls('en', complaintCall, 'good.yaml'));
    expect(measured.rows).toHaveLength(1);
    expect(measured.rows[0]).toMatchObject({ scenario: 'complaint', calls: 1, exactCalls: 1, orderAgreed: 1 });
    expect(measured.rows[0]!.turnSteps).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(measured.misses).toEqual([]);
  });

  it('reports a step the engine did not find as a miss of that call', () => {
    const missed = complaintCall.replace('covered: [acknowledge, investigate]', 'covered: [acknowledge, investigate, follow_up]');
    const measured = measureCalls(loadDefaultRubric(), parseCalls('en', missed, 'missed.yaml'));
    expect(measured.rows[0]).toMatchObject({ exactCalls: 0 });
    expect(measured.rows[0]!.steps).toMatchObject({ fn: 1 });
    expect(measured.misses.map((m) => m.callId)).toEqual(['en-call-x01']);
  });
});
