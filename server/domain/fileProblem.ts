/**
 * A problem with a file a person wrote (a rubric, a persona, a transcript): where it is
 * (path, line, field) and what is wrong. The data-file parsers report it, the persona
 * routes answer it (without the path), the QA editor marks its line.
 */
import { z } from 'zod';

export const FileProblem = z.object({
  path: z.string(),
  line: z.number().int().positive().optional(),
  /** The field, as a dotted path: "signals[3].detectors[0].phrases.en". */
  field: z.string().optional(),
  message: z.string(),
});
export type FileProblem = z.infer<typeof FileProblem>;
