/**
 * Session empathy judged on the moments that called for it: of the customer's emotional
 * moments (anger, worry, distress, a hardship told), how many the trainee responded to with
 * empathy. Replies in a row answer the same customer turn, so they share one moment, met
 * when one of them shows empathy and none dismisses. A reply that brushes the customer off
 * ("calm down", "規定就是這樣") is a moment missed whatever the customer said: it shows a
 * feeling was there and was turned away.
 */
import type { CompiledRubric, CompiledSignal } from './rubric/compile.ts';
import type { TurnScore } from './types.ts';

export interface EmpathyMoments {
  responded: number;
  of: number;
}

/** The ids of a rubric's empathy signals that show empathy and that dismiss the customer. */
interface EmpathySignals {
  shows: readonly string[];
  dismisses: readonly string[];
}

/** Found once per rubric (keyed by its signal list): every report reads them. */
const empathySignalsOf = new WeakMap<readonly CompiledSignal[], EmpathySignals>();

function empathySignals(signals: readonly CompiledSignal[]): EmpathySignals {
  let found = empathySignalsOf.get(signals);
  if (!found) {
    const empathy = signals.filter((s) => s.criterion === 'empathy');
    found = { shows: empathy.filter((s) => s.points > 0).map((s) => s.id), dismisses: empathy.filter((s) => s.points < 0).map((s) => s.id) };
    empathySignalsOf.set(signals, found);
  }
  return found;
}

function firedAny(turn: TurnScore, ids: readonly string[]): boolean {
  return ids.some((id) => turn.signals.includes(id));
}

/**
 * N of M over the trainee's turns, in order; null when the rubric names no cue of emotion
 * (it reads no moments) or a turn was scored before moments were read.
 */
export function empathyMoments(rubric: CompiledRubric, turns: readonly TurnScore[]): EmpathyMoments | null {
  if (rubric.moments.en.emotion.size + rubric.moments.zh.emotion.size === 0) return null;
  if (turns.some((t) => !t.moment)) return null;
  const { shows, dismisses } = empathySignals(rubric.signals);
  // Replies with consecutive indices answer the same customer turn.
  const groups: TurnScore[][] = [];
  turns.forEach((t, i) => {
    const previous = turns[i - 1];
    if (previous && previous.index + 1 === t.index) groups[groups.length - 1]!.push(t);
    else groups.push([t]);
  });
  let responded = 0;
  let of = 0;
  for (const group of groups) {
    const emotional = group.some((t) => t.moment?.emotion);
    const dismissed = group.some((t) => firedAny(t, dismisses));
    if (!emotional && !dismissed) continue;
    of++;
    if (!dismissed && group.some((t) => firedAny(t, shows))) responded++;
  }
  return { responded, of };
}

/**
 * The empathy criterion's session score in `moments` mode: the share met, 0 to 100; null when
 * the call had no emotional moment, so empathy neither counts for nor against the trainee.
 */
export function momentsScore(moments: EmpathyMoments): number | null {
  return moments.of === 0 ? null : Math.round((100 * moments.responded) / moments.of);
}
