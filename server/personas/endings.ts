/**
 * How a conversation ends, the same for both engines: escalated when anger stays at the top
 * for the persona's number of turns; resolved when the required steps of the call's process
 * are done (taken by the trainee, or, for a whole-call step such as third_party's
 * no_disclosure, kept by every reply so far and broken by none), the facts
 * that matter have come out and the customer is calm enough; abandoned when the trainee has
 * taken too many turns, or confusion has stayed at the give-up level too long.
 */
import type { CustomerState, Outcome } from '../domain/customerState.ts';
import type { PersonaFile } from './schema.ts';
import { escalationOf, patienceOf } from './difficulty.ts';

export function ending(persona: PersonaFile, state: CustomerState): Outcome | null {
  const { resolve, abandon } = persona.end;
  if (state.hotTurns >= escalationOf(persona).for_turns) return 'escalated';
  const done = (step: string): boolean => state.steps.includes(step) || state.wholeCall[step] === 'kept';
  const stepsDone = resolve.steps.every(done) && resolve.revealed.every((f) => state.revealed.includes(f));
  if (
    stepsDone &&
    state.mood.anger <= resolve.anger_at_most &&
    state.mood.confusion <= resolve.confusion_at_most &&
    state.mood.trust >= resolve.trust_at_least
  ) {
    return 'resolved';
  }
  if (state.traineeTurns >= patienceOf(persona) || state.lostTurns >= abandon.for_turns) return 'abandoned';
  return null;
}
