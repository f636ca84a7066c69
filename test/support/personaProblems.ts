/**
 * The problems a persona file's text has, as the persona loader reports them (none when it
 * parses): for tests that break a file on purpose and read what is said about it.
 */
import { FileError, type FileProblem } from '../../server/dataFiles/fileError.ts';
import { parsePersonaText } from '../../server/personas/personaLibrary.ts';

export function personaProblems(text: string): FileProblem[] {
  try {
    parsePersonaText('persona.yaml', text);
  } catch (err) {
    if (err instanceof FileError) return err.problems;
    throw err;
  }
  return [];
}
