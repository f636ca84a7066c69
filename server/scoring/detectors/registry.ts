/**
 * Every detector type a rubric may name. The rubric schema is derived from this list, so a
 * rubric that names an unknown type or a wrong parameter fails when it loads.
 */
import { z } from 'zod';
import { classifier } from './classifier.ts';
import { cooccurrence } from './cooccurrence.ts';
import { jargon } from './jargon.ts';
import { pattern } from './pattern.ts';
import { phrases } from './phrases.ts';
import { productSheet } from './productSheet.ts';
import { paraphrase } from './paraphrase.ts';
import { question } from './question.ts';
import { reflection } from './reflection.ts';
import { sentenceLength } from './sentenceLength.ts';
import { statedFigure } from './statedFigure.ts';
import { unansweredQuestion } from './unansweredQuestion.ts';
import type { CompileTools, Detect } from './definition.ts';

export const DETECTORS = [phrases, pattern, question, reflection, jargon, sentenceLength, cooccurrence, productSheet, statedFigure, unansweredQuestion, classifier, paraphrase] as const;

export const DetectorConfig = z.discriminatedUnion('type', [
  phrases.schema,
  pattern.schema,
  question.schema,
  reflection.schema,
  jargon.schema,
  sentenceLength.schema,
  cooccurrence.schema,
  productSheet.schema,
  statedFigure.schema,
  unansweredQuestion.schema,
  classifier.schema,
  paraphrase.schema,
]);
export type DetectorConfig = z.infer<typeof DetectorConfig>;

export function compileDetector(config: DetectorConfig, tools: CompileTools): Detect {
  switch (config.type) {
    case 'phrases':
      return phrases.compile(config, tools);
    case 'pattern':
      return pattern.compile(config, tools);
    case 'question':
      return question.compile(config, tools);
    case 'reflection':
      return reflection.compile(config, tools);
    case 'jargon':
      return jargon.compile(config, tools);
    case 'sentence_length':
      return sentenceLength.compile(config, tools);
    case 'cooccurrence':
      return cooccurrence.compile(config, tools);
    case 'product_sheet':
      return productSheet.compile(config, tools);
    case 'stated_figure':
      return statedFigure.compile(config, tools);
    case 'unanswered_question':
      return unansweredQuestion.compile(config, tools);
    case 'classifier':
      return classifier.compile(config, tools);
    case 'paraphrase':
      return paraphrase.compile(config, tools);
  }
}
