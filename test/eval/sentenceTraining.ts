// Training the sentence models (server/scoring/sentenceClassifier.ts): logistic regression by
// stochastic gradient descent over hashed features, with replies as bags of sentences. A reply
// labelled with the signal has at least one sentence that shows it: first the whole reply
// stands for it, then, in later rounds, the sentence the model scores highest. Every sentence
// of a reply without the label is a negative. Deterministic: a fixed seed orders the examples.
import { FEATURE_BUCKETS, probability, rawScore } from '../../server/scoring/sentenceClassifier.ts';

/** A labelled reply, as bags of sentence features. */
export interface TrainingReply {
  sentences: Uint32Array[];
  positive: boolean;
}

export interface TrainedWeights {
  bias: number;
  weights: Float64Array;
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  /** Rounds of choosing each positive reply's best sentence, after the first whole-reply round. */
  rounds: number;
  l2: number;
  rate: number;
}

export const TRAINING_DEFAULTS: TrainingOptions = { seed: 12, epochs: 12, rounds: 2, l2: 1e-5, rate: 0.5 };

/** mulberry32: a small seeded generator, so the order of examples is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function concat(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function sgd(model: TrainedWeights, examples: readonly { x: Uint32Array; y: number; weight: number }[], options: TrainingOptions): void {
  const random = seeded(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const rate = options.rate / (1 + epoch);
    for (const index of order) {
      const { x, y, weight } = examples[index] as { x: Uint32Array; y: number; weight: number };
      const p = 1 / (1 + Math.exp(-rawScore(model, x)));
      const g = (p - y) * weight * rate;
      const scale = x.length === 0 ? 0 : g / Math.sqrt(x.length);
      model.bias -= g;
      for (let k = 0; k < x.length; k++) {
        const b = x[k] as number;
        model.weights[b] = (model.weights[b] as number) * (1 - options.l2) - scale;
      }
    }
  }
}

/** The highest sentence probability of a reply: what the detector compares with its threshold. */
export function replyScore(model: TrainedWeights, reply: TrainingReply): number {
  let best = 0;
  for (const s of reply.sentences) best = Math.max(best, probability(model, s));
  return best;
}

export function train(replies: readonly TrainingReply[], options: TrainingOptions = TRAINING_DEFAULTS): TrainedWeights {
  const model: TrainedWeights = { bias: 0, weights: new Float64Array(FEATURE_BUCKETS) };
  const negatives = replies.filter((r) => !r.positive).flatMap((r) => r.sentences);
  const positives = replies.filter((r) => r.positive && r.sentences.length > 0);
  // Positives are few: weigh them so both classes pull equally.
  const positiveWeight = positives.length === 0 ? 1 : Math.max(1, negatives.length / positives.length / 2);
  for (let round = 0; round <= options.rounds; round++) {
    const chosen = positives.map((r) => {
      if (round === 0) return concat(r.sentences);
      let best = r.sentences[0] as Uint32Array;
      for (const s of r.sentences) if (rawScore(model, s) > rawScore(model, best)) best = s;
      return best;
    });
    const fresh: TrainedWeights = { bias: 0, weights: new Float64Array(FEATURE_BUCKETS) };
    sgd(fresh, [...negatives.map((x) => ({ x, y: 0, weight: 1 })), ...chosen.map((x) => ({ x, y: 1, weight: positiveWeight }))], options);
    model.bias = fresh.bias;
    model.weights = fresh.weights;
  }
  // Round as the data file does, so what cross-validation measures is what ships.
  const rounded = roundedWeights(model);
  return { bias: rounded.bias, weights: Float64Array.from(rounded.weights) };
}

/** Weights rounded for the data file: four decimals keep the file small and change no decision that matters. */
export function roundedWeights(model: TrainedWeights): { bias: number; weights: number[] } {
  const round = (v: number): number => Math.round(v * 1e4) / 1e4 || 0;
  return { bias: round(model.bias), weights: Array.from(model.weights, round) };
}
