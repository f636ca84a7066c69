/**
 * The mood both engines share: anger, trust and confusion from 0 to 10, moved each turn by
 * the persona's impatience and by the signals the rubric found in the trainee's reply.
 */
import { MOOD_AXES, type Mood } from '../domain/mood.ts';
import type { MoodDelta, PersonaFile } from './schema.ts';
import { temperOf } from './difficulty.ts';

const clamp = (x: number): number => Math.min(10, Math.max(0, Math.round(x * 10) / 10));

function apply(mood: Mood, delta: MoodDelta): Mood {
  return {
    anger: clamp(mood.anger + (delta.anger ?? 0)),
    trust: clamp(mood.trust + (delta.trust ?? 0)),
    confusion: clamp(mood.confusion + (delta.confusion ?? 0)),
  };
}

/** Whether a change helps: less anger or confusion, more trust. */
function soothes(axis: keyof MoodDelta, value: number): boolean {
  return axis === 'trust' ? value > 0 : value < 0;
}

/**
 * The mood after a reply: impatience first (the file's, plus the difficulty's), then each
 * signal found, once each. What soothes wears off with repetition (the third apology calms a
 * quarter as much as the first, by halves); what hurts does not, and the difficulty scales it:
 * a hard customer's anger and confusion rise faster than the file's numbers, an easy one's
 * slower.
 */
export function nextMood(persona: PersonaFile, mood: Mood, signals: readonly string[], heardBefore: Readonly<Record<string, number>> = {}): Mood {
  const temper = temperOf(persona);
  const hurt: Partial<Record<keyof MoodDelta, number>> = { anger: temper.anger_rise, confusion: temper.confusion_rise };
  let next = apply(mood, persona.mood.each_turn);
  if (temper.impatience > 0) next = apply(next, { anger: temper.impatience });
  for (const signal of new Set(signals)) {
    const effect = persona.mood.effects[signal as keyof PersonaFile['mood']['effects']];
    if (!effect) continue;
    const fade = 0.5 ** (heardBefore[signal] ?? 0);
    const scaled: MoodDelta = {};
    for (const axis of MOOD_AXES) {
      const value = effect[axis];
      if (value !== undefined) scaled[axis] = soothes(axis, value) ? value * fade : value * (hurt[axis] ?? 1);
    }
    next = apply(next, scaled);
  }
  return next;
}

export type Trend = 'calmer' | 'angrier' | 'same';

/** Whether the customer is better or worse disposed than a turn ago, all axes weighed. */
export function trend(before: Mood, after: Mood): Trend {
  const worse = after.anger - before.anger + (after.confusion - before.confusion) - (after.trust - before.trust);
  if (worse <= -0.5) return 'calmer';
  if (worse >= 0.5) return 'angrier';
  return 'same';
}

export function moodChanged(before: Mood, after: Mood): boolean {
  return MOOD_AXES.some((axis) => before[axis] !== after[axis]);
}
