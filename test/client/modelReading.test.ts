// What the trainee sees of a model's reading of their reply (turn:model_signals): the
// findings with their quotes and whether the rubric let them count, kept by the turn's index
// through a resume (the event is never stored, a resume would otherwise lose it), a model
// that failed as a quiet flag, and the quoted words marked as the model's in the reply.
import { describe, expect, it } from 'vitest';
import { evidencePieces } from '../../client/src/shared/evidencePieces.ts';
import type { Evidence, TurnModelSignals } from '../../client/src/shared/contract.ts';
import { modelReadingOf } from '../../client/src/trainee/modelReading.ts';
import { initialSessionState, sessionReducer, type SessionAction, type SessionState } from '../../client/src/trainee/sessionState.ts';
import { OPENING, resumeAnswer, scoreOf, SESSION_ID } from './sessionFixtures.ts';

const THREAT = '您再這樣大聲，我們可以把您的案子退件，到時候您的徵信紀錄會很難看。';
const QUOTE = '我們可以把您的案子退件';
const FINDING: Evidence = { start: THREAT.indexOf(QUOTE), end: THREAT.indexOf(QUOTE) + QUOTE.length, text: QUOTE, signal: 'conduct.threat', source: 'model' };

/** The event as liveModelSignals.ts sends it: the findings, and the turn's score with them as evidence. */
function modelSignals(index: number, counted: boolean, findings: Evidence[] = [FINDING]): TurnModelSignals {
  const score = scoreOf(index);
  score.criteria.conduct!.evidence.push(...findings.map((f) => ({ ...f, counted })));
  return { sessionId: SESSION_ID, index, findings, score };
}

const run = (state: SessionState, ...actions: SessionAction[]): SessionState => actions.reduce(sessionReducer, state);
const talked = (): SessionState => run(initialSessionState(SESSION_ID), { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: THREAT }]) });

describe("a model's reading of a reply", () => {
  it('shows each finding with its quote, not counted when the rubric says model findings do not count', () => {
    expect(modelReadingOf(modelSignals(1, false))).toEqual({ failed: false, findings: [{ ...FINDING, counted: false }] });
  });

  it('says a finding counted only when the turn as the event scores it counted it', () => {
    expect(modelReadingOf(modelSignals(1, true)).findings[0]?.counted).toBe(true);
    // A finding the score does not carry (an older server) is never claimed to count.
    const bare = { ...modelSignals(1, true), score: scoreOf(1) };
    expect(modelReadingOf(bare).findings[0]?.counted).toBe(false);
  });

  it('is a quiet failure with nothing found when the model could not read the reply', () => {
    const failed = { ...modelSignals(1, false, []), error: { code: 'bad_response', message: "the model's proposal was not valid JSON" } };
    expect(modelReadingOf(failed)).toEqual({ failed: true, findings: [] });
  });
});

describe('the chat keeps what the model read', () => {
  it('beside the trainee turn it is about, and leaves the turn and its rule score as they were', () => {
    const before = talked();
    const after = run(before, { type: 'modelSignals', event: modelSignals(1, false) });
    expect(after.modelReadings[1]?.findings.map((f) => f.text)).toEqual([QUOTE]);
    expect(after.turns).toBe(before.turns);
  });

  it('through a resume, which brings the stored turns without it', () => {
    const read = run(talked(), { type: 'modelSignals', event: modelSignals(1, false) });
    const resumed = run(read, { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: THREAT }, { role: 'customer', text: '你在威脅我嗎？' }]) });
    expect(resumed.turns).toHaveLength(3);
    expect(resumed.modelReadings[1]?.findings).toHaveLength(1);
  });

  it('never for a customer turn', () => {
    const state = talked();
    expect(run(state, { type: 'modelSignals', event: modelSignals(0, false) })).toBe(state);
  });
});

describe("the model's quote in the reply", () => {
  it("is marked as the model's, apart from the rules' evidence", () => {
    const rule: Evidence = { start: THREAT.indexOf('徵信'), end: THREAT.indexOf('徵信') + 2, text: '徵信', signal: 'plain.jargon' };
    const pieces = evidencePieces(THREAT, [FINDING, rule]).filter((piece) => piece.signals.length > 0);
    expect(pieces).toEqual([
      { text: QUOTE, signals: ['conduct.threat'], byModel: true },
      { text: '徵信', signals: ['plain.jargon'], byModel: false },
    ]);
  });

  it("is the rules' where a rule found the same words too", () => {
    const both = evidencePieces(QUOTE, [{ ...FINDING, start: 0, end: QUOTE.length }, { start: 0, end: QUOTE.length, text: QUOTE, signal: 'conduct.threat' }]);
    expect(both).toEqual([{ text: QUOTE, signals: ['conduct.threat'], byModel: false }]);
  });
});
