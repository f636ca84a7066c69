/**
 * A problem with a file a person wrote (a rubric, a persona, a transcript): where it is
 * (path, line, field) and what is wrong. The data-file parsers report it, the persona
 * routes answer it (without the path), the QA editor marks its line.
 */
import { z } from 'zod';

/**
 * What the QA editor needs to word a problem in the reader's interface language: a stable
 * `kind` (and, for the parser and the schema, their own code) with the values the sentence
 * needs; `message` says the same in English, for the command line and logs. The client words
 * each kind from its catalogue (client/src/qa/problemText.ts) and names `field` the way the
 * persona form does.
 */
export const ProblemDetail = z.discriminatedUnion('kind', [
  z.object({
    /** A text trainees see (the field) tells a fact the customer keeps until asked. */
    kind: z.literal('hidden_fact_shown'),
    fact: z.string(),
    /** The fact's figures and phrases, as the field writes them. */
    evidence: z.array(z.string()),
  }),
  /** The YAML cannot be read: the yaml package's error code (BAD_INDENT, MISSING_CHAR…). */
  z.object({ kind: z.literal('yaml'), code: z.string() }),
  /** A key written twice in one mapping. */
  z.object({ kind: z.literal('duplicate_key'), key: z.string() }),
  /** A field the format does not have (the field names it). */
  z.object({ kind: z.literal('unknown_field') }),
  /**
   * The value breaks the schema: zod's issue code (invalid_type, too_small, too_big,
   * invalid_value, invalid_format…) with what the code's sentence needs.
   */
  z.object({
    kind: z.literal('schema'),
    code: z.string(),
    /** invalid_type: what was wanted (string, number, array, object…); `received` what was there. */
    expected: z.string().optional(),
    received: z.string().optional(),
    /** too_small / too_big: a number's bound, a text's length or a list's count (`origin` says which). */
    origin: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    /** invalid_value: the values allowed. */
    values: z.array(z.string()).optional(),
  }),
  /** A name that must be one of the file's or the rubric's: a fact, a reveal, a signal, a step. */
  z.object({ kind: z.literal('unknown_name'), of: z.enum(['fact', 'reveal', 'signal', 'step']), name: z.string() }),
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
