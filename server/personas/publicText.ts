/**
 * The words of a persona file that trainees read before and while playing: the name and the
 * summary in the list of customers (`GET /api/personas`), the briefing's situation and the
 * customer's own goals (`GET /api/personas/:id`, the goal panel). Everything else (facts,
 * lines, reveals, tests) stays on the server. `publicPersona` (schema.ts) gives these fields;
 * this names them with their path in the file, for the check that none gives a hidden fact
 * away (hiddenFactShown.ts) and for the leak guard, which counts them as known.
 */
import type { PersonaFile } from './schema.ts';

export interface PublicText {
  /** Where it is in the file: ['briefing', 'own_goals', 1]. */
  path: (string | number)[];
  text: string;
}

/** The shape the texts are read from: a file that passed the shape checks, refinements still to come. */
type PublicFields = Pick<PersonaFile, 'name' | 'summary' | 'briefing'>;

export function publicTexts(persona: PublicFields): PublicText[] {
  return [
    { path: ['name'], text: persona.name },
    { path: ['summary'], text: persona.summary },
    { path: ['briefing', 'situation'], text: persona.briefing.situation },
    ...persona.briefing.own_goals.map((text, i) => ({ path: ['briefing', 'own_goals', i], text })),
  ];
}
