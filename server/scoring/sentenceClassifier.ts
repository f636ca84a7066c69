/**
 * The sentence classifiers behind the `classifier` detector: a model file's shape, the hashed
 * features of one sentence, and its probability under a model. Training (test/eval/train.ts)
 * and scoring share this file, so a shipped model reads sentences exactly as it was trained.
 * Features are character n-grams of the normalised text (Chinese already in one script), word
 * unigrams and bigrams in English, and whether the sentence is a question; each is hashed into
 * a fixed number of buckets, so a sentence costs one pass over its characters and a dot product.
 */
import { z } from 'zod';
import type { ReplyContext } from './context.ts';
import type { Lang } from './types.ts';

/** Buckets every model hashes into: a power of two, so a hash is masked, never divided. */
export const FEATURE_BUCKETS = 1 << 14;

/** A model file in `rubrics/models/`: a logistic model over hashed sentence features. */
export const SentenceModel = z.strictObject({
  format: z.literal('sparring-sentence-model-1'),
  /** The signal it was trained to find. */
  signal: z.string().min(1),
  buckets: z.literal(FEATURE_BUCKETS),
  bias: z.number(),
  weights: z.array(z.number()).length(FEATURE_BUCKETS),
  /** How it was made and what cross-validation said of it: for people, never read by the scorer. */
  trained: z.record(z.string(), z.unknown()).default({}),
});
export type SentenceModel = z.infer<typeof SentenceModel>;

/** A model as the scorer runs it. */
export interface CompiledSentenceModel {
  signal: string;
  bias: number;
  weights: Float64Array;
}

export function compileSentenceModel(model: SentenceModel): CompiledSentenceModel {
  return { signal: model.signal, bias: model.bias, weights: Float64Array.from(model.weights) };
}

/** One sentence of a reply and the buckets of its features (a bucket may repeat). */
export interface SentenceFeatures {
  start: number;
  end: number;
  buckets: Uint32Array;
}

const MASK = FEATURE_BUCKETS - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Seeds that keep n-grams of different kinds apart in the hash space. */
const SEED_CHAR = [0, 0x1b873593, 0x2a3c5e71, 0x3d4f6b29, 0x4c5d7e13];
const SEED_WORD = 0x5e6f8a17;
const SEED_BIGRAM = 0x6f7a9b35;
const QUESTION_BUCKET = 1;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

/** Character n-gram lengths per language: single characters carry meaning in Chinese only. */
const NGRAMS: Record<Lang, readonly number[]> = { zh: [1, 2, 3], en: [2, 3, 4] };

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The buckets of one sentence: what both training and scoring read. */
export function sentenceBuckets(text: string, start: number, end: number, lang: Lang, isQuestion: boolean, englishWords: readonly { start: number; end: number }[]): Uint32Array {
  const out: number[] = [];
  for (const n of NGRAMS[lang]) {
    const seed = SEED_CHAR[n] ?? 0;
    for (let i = start; i + n <= end; i++) {
      // An n-gram made only of blanks says nothing.
      if (isBlank(text.charCodeAt(i)) && (n === 1 || isBlank(text.charCodeAt(i + n - 1)))) continue;
      out.push(hashRange(text, i, i + n, seed) & MASK);
    }
  }
  let previous = -1;
  for (const w of englishWords) {
    if (w.start < start || w.end > end) continue;
    const h = hashRange(text, w.start, w.end, SEED_WORD);
    out.push(h & MASK);
    if (previous >= 0) out.push(mix(mix(SEED_BIGRAM, previous), h) & MASK);
    previous = h;
  }
  if (isQuestion) out.push(QUESTION_BUCKET);
  return Uint32Array.from(out);
}

/** The raw score of a sentence: bias plus the mean weight of its features, scaled by √count. */
export function rawScore(model: { bias: number; weights: ArrayLike<number> }, buckets: Uint32Array): number {
  if (buckets.length === 0) return model.bias;
  let sum = 0;
  for (let i = 0; i < buckets.length; i++) sum += model.weights[buckets[i] as number] as number;
  return model.bias + sum / Math.sqrt(buckets.length);
}

export function probability(model: { bias: number; weights: ArrayLike<number> }, buckets: Uint32Array): number {
  return 1 / (1 + Math.exp(-rawScore(model, buckets)));
}

/** Each sentence's features, computed once per reply however many models read them. */
const featureCache = new WeakMap<ReplyContext, SentenceFeatures[]>();

export function replySentenceFeatures(reply: ReplyContext): SentenceFeatures[] {
  const cached = featureCache.get(reply);
  if (cached) return cached;
  const norm = reply.text.norm;
  const englishWords = reply.lang === 'en' ? reply.words : [];
  const features = reply.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    buckets: sentenceBuckets(norm, s.start, s.end, reply.lang, reply.questions.some((q) => q.start >= s.start && q.end <= s.end), englishWords),
  }));
  featureCache.set(reply, features);
  return features;
}
