// Conduct first (client/src/shared/conductFaults.ts, client/src/trainee/reportHighlights.ts):
// a reply with a conduct fault is never shown as the best reply, the faults are listed before
// anything else, and a failed session says which fault failed it in which reply.
import { describe, expect, it } from 'vitest';
import { conductFaults, conductFirst, failureReasons, faultsFirst } from '../../client/src/shared/conductFaults.ts';
import type { SignalCatalog, TurnScore } from '../../client/src/shared/contract.ts';
import { signalNames } from '../../client/src/shared/signals.ts';
import { bestAndWeakest } from '../../client/src/trainee/bestReply.ts';
import { reportOf, scoreOf } from './sessionFixtures.ts';

const CATALOG: SignalCatalog = {
  rubric: 'lending-service-v1',
  signals: [
    { id: 'conduct.threat', criterion: 'conduct', tone: 'bad', tags: ['misconduct'], label: { en: 'threat', 'zh-Hans': '威胁', 'zh-Hant': '威脅' }, failsSession: true },
    { id: 'conduct.recorded_call', criterion: 'conduct', tone: 'neutral', tags: [], label: { en: 'recorded call', 'zh-Hans': '录音告知', 'zh-Hant': '錄音告知' }, failsSession: false },
    { id: 'plain.jargon', criterion: 'plain_language', tone: 'bad', tags: ['jargon'], label: { en: 'jargon', 'zh-Hans': '术语', 'zh-Hant': '術語' }, failsSession: false },
  ],
  processes: [],
};
const { isFault } = signalNames(CATALOG, 'en');

/** A reply scored `score` on every criterion, firing the signals given (with evidence for each). */
function reply(index: number, score: number, signals: string[] = []): TurnScore {
  const base = scoreOf(index);
  const criteria = Object.fromEntries(
    Object.entries(base.criteria).map(([id, c]) => [id, { ...c, score, evidence: signals.map((signal) => ({ start: 0, end: 2, text: `words of ${signal}`, signal })) }]),
  );
  return { ...base, criteria: { ...base.criteria, ...criteria }, signals };
}

const report = (turns: TurnScore[], picks: { best_turn?: number | null; weakest_turn?: number | null } = {}) => {
  const r = reportOf(50);
  return { ...r, turns, summary: { ...r.summary, ...picks } };
};

describe('a conduct fault', () => {
  it('is a conduct signal that costs points; without the catalogue any conduct id counts', () => {
    expect(['conduct.threat', 'conduct.recorded_call', 'plain.jargon'].map(isFault)).toEqual([true, false, false]);
    expect(signalNames(null, 'en').isFault('conduct.threat')).toBe(true);
    expect(signalNames(null, 'en').isFault('empathy.emotion')).toBe(false);
  });
});

describe('the best and the weakest reply', () => {
  const threat = reply(3, 95, ['conduct.threat']);
  const turns = [reply(1, 60), threat, reply(5, 80)];

  it("are the engine's picks when the report has them", () => {
    const { best, weakest } = bestAndWeakest(report(turns, { best_turn: 5, weakest_turn: 3 }), isFault);
    expect([best?.index, weakest?.index]).toEqual([5, 3]);
  });

  it('never show a reply with a conduct fault as the best, even if the engine named it', () => {
    expect(bestAndWeakest(report(turns, { best_turn: 3, weakest_turn: 1 }), isFault).best).toBeNull();
  });

  it('without picks: the best is the highest reply with no fault, the weakest a reply with a fault', () => {
    const { best, weakest } = bestAndWeakest(report(turns), isFault);
    expect([best?.index, weakest?.index]).toEqual([5, 3]);
    const clean = bestAndWeakest(report([reply(1, 60), reply(3, 90), reply(5, 60)]), isFault);
    expect([clean.best?.index, clean.weakest?.index]).toEqual([3, 5]);
    expect(bestAndWeakest(report([reply(1, 60)]), isFault)).toEqual({ best: reply(1, 60), weakest: null });
  });

  it('with every reply faulty, none is the best', () => {
    const { best, weakest } = bestAndWeakest(report([threat]), isFault);
    expect([best, weakest?.index]).toEqual([null, 3]);
  });
});

describe('the faults, first', () => {
  const turns = [reply(1, 60, ['plain.jargon']), reply(3, 20, ['plain.jargon', 'conduct.threat']), reply(5, 80)];

  it('are listed reply by reply with the words said', () => {
    expect(conductFaults(turns, isFault)).toEqual([{ signal: 'conduct.threat', turnIndex: 3, reply: 2, words: ['words of conduct.threat'] }]);
  });

  it("come before a reply's other signals, and conduct before the other criteria when faulty", () => {
    expect(faultsFirst(['plain.jargon', 'conduct.threat', 'conduct.recorded_call'], isFault)).toEqual(['conduct.threat', 'plain.jargon', 'conduct.recorded_call']);
    const criteria = ['empathy', 'active_listening', 'plain_language', 'complaint_process', 'conduct'] as const;
    expect(conductFirst(criteria, (c) => c, true)).toEqual(['conduct', 'empathy', 'active_listening', 'plain_language', 'complaint_process']);
    expect(conductFirst(criteria, (c) => c, false)).toEqual([...criteria]);
  });

  it('say why a failed session failed: which fault, which reply', () => {
    expect(failureReasons({ signals: ['conduct.threat', 'conduct.threat'], turns: [5, 3, 99] }, turns)).toEqual({ signals: ['conduct.threat'], replies: [2, 3] });
  });
});
