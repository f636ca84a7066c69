/**
 * The JSON Schema of persona files, derived from the zod schema, for editors: with
 * `# yaml-language-server: $schema=../persona.schema.json` at the top of a persona file,
 * an editor autocompletes the fields and underlines mistakes as the QA person types.
 */
import { z } from 'zod';
import { PersonaFile } from './schema.ts';

export function personaJsonSchema(): string {
  const schema = z.toJSONSchema(PersonaFile, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Sparring persona' }, null, 2)}\n`;
}
