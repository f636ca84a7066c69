/**
 * The JSON Schema of persona files, derived from the zod schema, for editors: with
 * `# yaml-language-server: $schema=../persona.schema.json` at the top of a persona file,
 * an editor autocompletes the fields and underlines mistakes as the QA person types.
 * Signal names are listed from a rubric (the default one for the file in personas/), so an
 * editor offers them too; the server checks them against the rubric it loaded.
 */
import { z } from 'zod';
import { defaultRubricSignals } from './personaLibrary.ts';
import { PersonaFile, SignalName } from './schema.ts';

export function personaJsonSchema(signalIds: readonly string[] = [...defaultRubricSignals().ids]): string {
  const schema = z.toJSONSchema(PersonaFile, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === SignalName) {
        delete jsonSchema.pattern;
        jsonSchema.enum = [...signalIds];
      }
    },
  });
  return `${JSON.stringify({ ...schema, title: 'Sparring persona' }, null, 2)}\n`;
}
