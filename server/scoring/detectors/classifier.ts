/**
 * A trained sentence classifier (server/scoring/sentenceClassifier.ts): the reply's sentence
 * the model scores highest, when that score reaches the threshold, is the evidence. Named in
 * the rubric's `classifiers:` section, which adds it to the signals it may fire, beside their
 * rules; the weights come compiled from the model file the loader read.
 */
import { z } from 'zod';
import { defineDetector } from './definition.ts';
import { probability, replySentenceFeatures } from '../sentenceClassifier.ts';

export const classifier = defineDetector({
  type: 'classifier',
  description: 'the sentence a trained model scores highest, at or above a threshold',
  schema: z.strictObject({
    type: z.literal('classifier'),
    /** The model file, relative to `rubrics/models/`. */
    model: z.string().min(1),
    /** The probability (0 to 1) a sentence needs to count. */
    threshold: z.number().gt(0).lt(1),
  }),
  compile(params, tools) {
    const model = tools.models?.get(params.model);
    if (!model) throw new Error(`model "${params.model}" was not loaded with the rubric`);
    return (reply) => {
      let best = -1;
      let bestAt = -1;
      const sentences = replySentenceFeatures(reply);
      for (let i = 0; i < sentences.length; i++) {
        const p = probability(model, (sentences[i] as { buckets: Uint32Array }).buckets);
        if (p > best) {
          best = p;
          bestAt = i;
        }
      }
      const sentence = sentences[bestAt];
      if (!sentence || best < params.threshold) return [];
      return [{ start: sentence.start, end: sentence.end }];
    };
  },
});
