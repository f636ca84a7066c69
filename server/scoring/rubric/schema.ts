/**
 * The rubric file format: criteria and their weights, the signals behind each criterion
 * with the detectors that find them, the shared language cues (negation, questions), and
 * the feedback per locale. `rubrics/lending-service-v1.yaml` is the worked example.
 */
import { z } from 'zod';
import { CriterionId, SignalId } from '../types.ts';
import { LocalText } from '../detectors/definition.ts';
import { DetectorConfig } from '../detectors/registry.ts';

const Points = z.number().int().min(-100).max(100);

export const CriterionConfig = z.strictObject({
  name: LocalText,
  /** Share of the overall score; weights are normalised, so any positive numbers will do. */
  weight: z.number().positive(),
  /** A turn's score before its signals add or take points. */
  base: z.number().int().min(0).max(100),
  /**
   * How turn scores become the session's: the mean; the worst turn (one threat spoils a
   * call); or the complaint steps covered, in order.
   */
  session: z.enum(['mean', 'min', 'steps']),
  feedback: z.strictObject({
    /** When no signal of this criterion fired and no hint applies. */
    none: LocalText,
  }),
});
export type CriterionConfig = z.infer<typeof CriterionConfig>;

export const SignalConfig = z.strictObject({
  id: SignalId,
  criterion: CriterionId,
  /** Points added to the criterion's turn score when the signal fires (negative for faults). */
  points: Points,
  /** The signal fires when any of its detectors finds something. */
  detectors: z.array(DetectorConfig).min(1),
  /** Signals that fire too, on the same evidence (an insult also belittles: abusive → dismissive). */
  also: z.array(SignalId).default([]),
  feedback: z.strictObject({
    /** Said when the signal fires. `{evidence}` is what was said, `{suggestion}` a better way. */
    present: LocalText,
    /** Said when this positive signal is missing from a turn (a hint), if given. */
    absent: LocalText.optional(),
  }),
});
export type SignalConfig = z.infer<typeof SignalConfig>;

const NegationConfig = z.strictObject({
  negators: z.array(z.string().min(1)).min(1),
  /** Compounds that contain a negator without negating (不好意思, 別人). */
  not_negating: z.array(z.string().min(1)).default([]),
  /** Where a condition ends and its consequence begins: a negator before these does not reach past them. */
  breaks: z.array(z.string().min(1)).default([]),
  /** Look-back: characters for Chinese, words for English. */
  window: z.number().int().positive(),
});

const QuestionCueConfig = z.strictObject({
  particles: z.array(z.string().min(1)).default([]),
  yes_no: z.array(z.string().min(1)).default([]),
  invite: z.array(z.string().min(1)),
  closed: z.array(z.string().min(1)),
  short_fact: z.array(z.string().min(1)),
  open: z.array(z.string().min(1)),
  indefinite: z.array(z.string().min(1)).default([]),
  rhetorical: z.array(z.string().min(1)).default([]),
});

export const RubricFile = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: LocalText,
    description: z.string().optional(),
    language: z.strictObject({
      negation: z.strictObject({ zh: NegationConfig, en: NegationConfig }),
      questions: z.strictObject({ zh: QuestionCueConfig, en: QuestionCueConfig }),
    }),
    criteria: z.strictObject({
      empathy: CriterionConfig,
      active_listening: CriterionConfig,
      plain_language: CriterionConfig,
      complaint_process: CriterionConfig,
      conduct: CriterionConfig,
    }),
    signals: z.array(SignalConfig).min(1),
  })
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>();
    rubric.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'id'], message: `signal "${s.id}" is defined twice` });
      seen.add(s.id);
    });
    rubric.signals.forEach((s, i) =>
      s.also.forEach((other, j) => {
        if (!seen.has(other)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'also', j], message: `no signal "${other}" in this rubric` });
      }),
    );
  });
export type RubricFile = z.infer<typeof RubricFile>;

