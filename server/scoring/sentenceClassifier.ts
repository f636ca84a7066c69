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
import type { NegationRules } from '../text/negation.ts';
import { clauses } from '../text/segment.ts';

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

/**
 * Every model a rubric loads, as the scorer runs them: the weights interleaved by bucket
 * (bucket b of model m at b × size + m), so one feature's weights for all models sit in one
 * cache line and a sentence is scored by every model in a single pass over its features.
 */
export interface SentenceModelBank {
  /** Each model's column, by file name. */
  index: ReadonlyMap<string, number>;
  size: number;
  bias: Float64Array;
  weights: Float32Array;
}

export const EMPTY_BANK: SentenceModelBank = { index: new Map(), size: 0, bias: new Float64Array(0), weights: new Float32Array(0) };

export function compileSentenceModels(models: ReadonlyMap<string, SentenceModel>): SentenceModelBank {
  const files = [...models.keys()];
  const size = files.length;
  const bias = new Float64Array(size);
  const weights = new Float32Array(FEATURE_BUCKETS * size);
  files.forEach((file, m) => {
    const model = models.get(file) as SentenceModel;
    bias[m] = model.bias;
    model.weights.forEach((w, b) => {
      weights[b * size + m] = w;
    });
  });
  return { index: new Map(files.map((f, m) => [f, m])), size, bias, weights };
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
/** Seeds that keep words and word pairs apart from character n-grams in the hash space. */
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

/** The shortest and longest character n-grams per language: single characters carry meaning in Chinese only. */
const NGRAMS: Record<Lang, readonly [number, number]> = { zh: [1, 3], en: [2, 4] };

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Room for one sentence's features; a longer sentence is read up to here. */
const SCRATCH = new Uint32Array(8192);

/** The buckets of one sentence: what both training and scoring read. */
export function sentenceBuckets(text: string, start: number, end: number, lang: Lang, isQuestion: boolean, englishWords: readonly { start: number; end: number }[]): Uint32Array {
  // Buckets go straight into the scratch array (no helper closure: this runs on every
  // sentence of every reply); a sentence longer than it is read up to its size.
  const out = SCRATCH;
  const room = out.length;
  let count = 0;
  // One pass: the n-grams starting at each character grow from the same running hash, and
  // the length is mixed in last so that "ab" and "abc" land apart.
  const [shortest, longest] = NGRAMS[lang];
  for (let i = start; i < end; i++) {
    if (isBlank(text.charCodeAt(i))) continue;
    let h = FNV_OFFSET;
    for (let n = 1; n <= longest && i + n <= end; n++) {
      h = mix(h, text.charCodeAt(i + n - 1));
      if (n >= shortest && count < room) out[count++] = mix(h, n) & MASK;
    }
  }
  let previous = -1;
  for (const w of englishWords) {
    if (w.start < start || w.end > end) continue;
    const h = hashRange(text, w.start, w.end, SEED_WORD);
    if (count < room) out[count++] = h & MASK;
    if (previous >= 0 && count < room) out[count++] = mix(mix(SEED_BIGRAM, previous), h) & MASK;
    previous = h;
  }
  if (isQuestion && count < room) out[count++] = QUESTION_BUCKET;
  return out.slice(0, count);
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

/** One reply's sentences and every model's raw score of each (sentence i, model m at i × size + m). */
export interface ReplyScores {
  sentences: readonly { start: number; end: number }[];
  bank: SentenceModelBank;
  raw: Float64Array;
}

export function sentenceFeatures(reply: ReplyContext): SentenceFeatures[] {
  const norm = reply.text.norm;
  const englishWords = reply.lang === 'en' ? reply.words : [];
  return reply.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    buckets: sentenceBuckets(norm, s.start, s.end, reply.lang, reply.questions.some((q) => q.start >= s.start && q.end <= s.end), englishWords),
  }));
}

/**
 * Where in a sentence a model's evidence is strongest: the character whose n-grams carry the
 * most weight. A negator in its clause (the rubric's own negation list) vetoes the sentence,
 * as it vetoes a phrase: 理解您的心情 in 我不理解您的心情 is no empathy.
 */
export function strongestAt(text: string, start: number, end: number, lang: Lang, weightOf: (bucket: number) => number): number {
  const [shortest, longest] = NGRAMS[lang];
  let best = -Infinity;
  let bestAt = start;
  for (let i = start; i < end; i++) {
    if (isBlank(text.charCodeAt(i))) continue;
    let h = FNV_OFFSET;
    let sum = 0;
    for (let n = 1; n <= longest && i + n <= end; n++) {
      h = mix(h, text.charCodeAt(i + n - 1));
      if (n >= shortest) sum += weightOf(mix(h, n) & MASK);
    }
    if (sum > best) {
      best = sum;
      bestAt = i;
    }
  }
  return bestAt;
}

export function isNegatedEvidence(text: string, start: number, end: number, lang: Lang, weightOf: (bucket: number) => number, negation: NegationRules): boolean {
  const at = strongestAt(text, start, end, lang, weightOf);
  // Anywhere in that clause: a model's strongest words may be the subject (我) or the object
  // (心情) as well as the verb the negator sits on; look-alikes (不好意思) do not count.
  const clause = clauses(text, { start, end }).find((c) => c.start <= at && at < c.end) ?? { start, end };
  const words = text.slice(clause.start, clause.end);
  const lookAlikes = negation.notNegating.find(words);
  return negation.negators.find(words).some((n) => !lookAlikes.some((l) => l.start <= n.start && l.end >= n.end));
}

/** Scored once per reply however many signals read the models. */
const scoreCache = new WeakMap<ReplyContext, ReplyScores>();

export function replyScores(reply: ReplyContext, bank: SentenceModelBank): ReplyScores {
  const cached = scoreCache.get(reply);
  if (cached?.bank === bank) return cached;
  const { size, weights, bias } = bank;
  const sentences = sentenceFeatures(reply);
  const raw = new Float64Array(sentences.length * size);
  sentences.forEach((sentence, i) => {
    const at = i * size;
    const { buckets } = sentence;
    for (let k = 0; k < buckets.length; k++) {
      const base = (buckets[k] as number) * size;
      for (let m = 0; m < size; m++) raw[at + m] = (raw[at + m] as number) + (weights[base + m] as number);
    }
    const scale = buckets.length === 0 ? 0 : 1 / Math.sqrt(buckets.length);
    for (let m = 0; m < size; m++) raw[at + m] = (bias[m] as number) + (raw[at + m] as number) * scale;
  });
  const scores = { sentences, bank, raw };
  scoreCache.set(reply, scores);
  return scores;
}
