/**
 * A problem with a file a person wrote (a rubric, a persona, a transcript): where it is
 * (path, line, field) and what is wrong. The data-file parsers report it, the persona
 * routes answer it (without the path), the QA editor marks its line.
 */
import { z } from 'zod';

/**
 * What the QA editor needs to word a problem in the reader's interface language; `message`
 * says the same in English, for the command line and logs. Only problems a person fixes by
 * rewording the persona carry one.
 */
export const ProblemDetail = z.discriminatedUnion('kind', [
  z.object({
    /** A text trainees see (the field) tells a fact the customer keeps until asked. */
    kind: z.literal('hidden_fact_shown'),
    fact: z.string(),
    /** The fact's figures and phrases, as the field writes them. */
    evidence: z.array(z.string()),
  }),
]);
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const FileProblem = z.object({
  path: z.string(),
  line: z.number().int().positive().optional(),
  /** The field, as a dotted path: "signals[3].detectors[0].phrases.en". */
  field: z.string().optional(),
  message: z.string(),
  detail: ProblemDetail.optional(),
});
export type FileProblem = z.infer<typeof FileProblem>;
