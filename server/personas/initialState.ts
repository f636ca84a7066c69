/**
 * A customer's state before the trainee's first reply: the persona's starting mood, nothing
 * revealed, no step taken or kept.
 */
import type { CustomerState } from '../domain/customerState.ts';
import type { PersonaFile } from './schema.ts';

export function initialState(persona: PersonaFile, seed: number): CustomerState {
  return {
    personaId: persona.id,
    personaVersion: persona.version,
    locale: persona.locale,
    seed,
    mood: { ...persona.mood.initial },
    steps: [],
    wholeCall: {},
    revealed: [],
    heard: {},
    hotTurns: 0,
    lostTurns: 0,
    traineeTurns: 0,
    outcome: null,
  };
}
