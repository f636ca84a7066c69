/**
 * A trained sentence classifier (server/scoring/sentenceClassifier.ts): the reply's sentence
 * the model scores highest, when that score reaches the threshold, is the evidence. Named in
 * the rubric's `classifiers:` section, which adds it to the signals it may fire, beside their
 * rules; the weights come compiled from the model files the loader read. A sentence whose
 * strongest words are negated is passed over, as a negated phrase is.
 */
import { z } from 'zod';
import { defineDetector, WordLists } from './definition.ts';
import { isNegatedEvidence, replyScores } from '../sentenceClassifier.ts';

export const classifier = defineDetector({
  type: 'classifier',
  description: 'the sentence a trained model scores highest, at or above a threshold',
  schema: z.strictObject({
    type: z.literal('classifier'),
    /** The model file, relative to `rubrics/models/`. */
    model: z.string().min(1),
    /** The probability (0 to 1) a sentence needs to count. */
    threshold: z.number().gt(0).lt(1),
    /** A sentence holding any of these does not count, as with a phrase list's `unless`. */
    unless: WordLists.optional(),
  }),
  compile(params, tools) {
    const bank = tools.models;
    const column = bank?.index.get(params.model);
    if (!bank || column === undefined) throw new Error(`model "${params.model}" was not loaded with the rubric`);
    const weightOf = (bucket: number): number => bank.weights[bucket * bank.size + column] as number;
    // Compared before the logistic function: p ≥ t exactly when the raw score ≥ log(t / (1 − t)).
    const least = Math.log(params.threshold / (1 - params.threshold));
    const unless = params.unless ? tools.phrases(params.unless) : null;
    return (reply) => {
      const { sentences, raw } = replyScores(reply, bank);
      let best = -Infinity;
      let bestAt = -1;
      for (let i = 0; i < sentences.length; i++) {
        const score = raw[i * bank.size + column] as number;
        const span = sentences[i];
        if (
          span &&
          score >= least &&
          score > best &&
          !isNegatedEvidence(reply.text.norm, span.start, span.end, reply.lang, weightOf, tools.negation[reply.lang]) &&
          !unless?.[reply.lang].test(reply.text.norm.slice(span.start, span.end))
        ) {
          best = score;
          bestAt = i;
        }
      }
      const sentence = sentences[bestAt];
      return sentence ? [{ start: sentence.start, end: sentence.end }] : [];
    };
  },
});
