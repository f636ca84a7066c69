/**
 * Conduct first: whether the session failed (a signal the rubric marks `fails_session`
 * fired), and which reply is the best and which the weakest, where a reply with a conduct
 * fault is never the best and is the weakest. Pure: turn scores and the compiled rubric in.
 */
import type { CompiledRubric, CompiledSignal } from './rubric/compile.ts';
import { CRITERIA, type CriterionId, type SessionFailure, type TurnScore } from './types.ts';

type Rubric = Pick<CompiledRubric, 'signals' | 'criteria' | 'tagged'>;

/** A rubric's conduct faults and session-failing signals, in rubric order. */
interface FaultSignals {
  faults: readonly CompiledSignal[];
  failing: readonly CompiledSignal[];
}

/** Found once per rubric (keyed by its signal list): every report reads them for every turn. */
const faultSignalsOf = new WeakMap<readonly CompiledSignal[], FaultSignals>();

function faultSignals(signals: readonly CompiledSignal[]): FaultSignals {
  let found = faultSignalsOf.get(signals);
  if (!found) {
    found = {
      faults: signals.filter((s) => s.criterion === 'conduct' && s.points < 0),
      failing: signals.filter((s) => s.failsSession),
    };
    faultSignalsOf.set(signals, found);
  }
  return found;
}

/** The signals marked `fails_session` that fired, in rubric order, and the turns they fired on; null when none did. */
export function sessionFailure(rubric: Pick<CompiledRubric, 'signals'>, turns: readonly TurnScore[]): SessionFailure | null {
  const { failing } = faultSignals(rubric.signals);
  const signals = failing.filter((s) => turns.some((t) => t.signals.includes(s.id))).map((s) => s.id);
  if (signals.length === 0) return null;
  const turnIndices = turns.filter((t) => t.signals.some((id) => signals.includes(id))).map((t) => t.index);
  return { signals, turns: turnIndices };
}

/** The conduct faults a turn has: its conduct signals that cost points. */
export function conductFaults(rubric: Pick<CompiledRubric, 'signals'>, turn: TurnScore): string[] {
  return faultSignals(rubric.signals)
    .faults.filter((s) => turn.signals.includes(s.id))
    .map((s) => s.id);
}

/** A turn's weighted score over the criteria that apply to the call. */
function turnTotal(rubric: Rubric, turn: TurnScore, applied: readonly CriterionId[]): number {
  let weighted = 0;
  let weights = 0;
  for (const id of applied) {
    weighted += turn.criteria[id].score * rubric.criteria[id].weight;
    weights += rubric.criteria[id].weight;
  }
  return weights === 0 ? 0 : weighted / weights;
}

/**
 * The best reply: the highest-scoring one without a conduct fault or a brush-off (null when
 * every reply has one). The weakest: the reply with a conduct fault that did most harm, else
 * the lowest-scoring reply; never the best one (null with a single, clean reply).
 */
export function bestAndWeakestTurns(
  rubric: Rubric,
  turns: readonly TurnScore[],
  applied: readonly CriterionId[] = CRITERIA,
): { best: number | null; weakest: number | null } {
  const total = (t: TurnScore): number => turnTotal(rubric, t, applied);
  const faulty = turns.filter((t) => conductFaults(rubric, t).length > 0);
  const clean = turns.filter((t) => !faulty.includes(t) && !t.signals.some((id) => rubric.tagged.dismissive.has(id)));
  // On equal scores the earlier reply is kept: `reduce` only replaces on a strict improvement.
  const best = clean.reduce<TurnScore | null>((top, t) => (top === null || total(t) > total(top) ? t : top), null);
  const worstOf = (list: readonly TurnScore[], key: (t: TurnScore) => number): TurnScore | null =>
    list.reduce<TurnScore | null>((low, t) => (low === null || key(t) < key(low) ? t : low), null);
  const weakest =
    worstOf(faulty, (t) => t.criteria.conduct.score * 1000 + total(t)) ?? worstOf(turns.filter((t) => t !== best), total);
  return { best: best?.index ?? null, weakest: weakest?.index ?? null };
}
