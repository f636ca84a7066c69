// `npm run train`: rebuilds the sentence models in rubrics/models/ from the development cases
// (test/cases/<locale>.yaml and test/cases/styles/<locale>.yaml; never the held-out sets), and
// prints each family's five-fold cross-validated precision and recall: the rules alone, the
// model alone at its threshold, and both together as the rubric runs them. A family's model is
// written only when, in cross-validation, it raises recall and keeps precision at 0.95 or more.
// Deterministic: fixed folds, fixed seed, cases in file order.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileRubric } from '../../server/scoring/rubric/compile.ts';
import { readRubricFile, RUBRICS_DIR, DEFAULT_RUBRIC_ID } from '../../server/dataFiles/loadRubric.ts';
import { replyContext, spokenTurn } from '../../server/scoring/context.ts';
import { isNegatedEvidence, probability, sentenceFeatures, FEATURE_BUCKETS, type SentenceFeatures } from '../../server/scoring/sentenceClassifier.ts';
import type { ReplyContext } from '../../server/scoring/context.ts';
import type { NegationRules } from '../../server/text/negation.ts';
import { langOf } from '../../server/scoring/types.ts';
import { caseFile, engineScenario, loadCases, LOCALES, replySignals, type LabelledCase } from './ownCases.ts';
import { roundedWeights, train, TRAINING_DEFAULTS, type TrainingReply } from './sentenceTraining.ts';

/** The families worth a model: the phrase-list families whose wording varies most. */
export const FAMILIES = [
  'empathy.emotion',
  'empathy.interpretation',
  'empathy.exploration',
  'empathy.dismissive',
  'conduct.threat',
  'conduct.third_party_disclosure',
  'conduct.false_promise',
  'conduct.abusive',
  'conduct.credential_request',
] as const;

const FOLDS = 5;
/** The precision the rules and model together must keep in cross-validation, with a margin over the 0.95 target. */
const PRECISION_FLOOR = 0.96;
const THRESHOLDS = Array.from({ length: 50 }, (_, i) => 0.5 + i * 0.01);

interface Prepared {
  item: LabelledCase;
  context: ReplyContext;
  spans: SentenceFeatures[];
  negation: NegationRules;
  sentences: Uint32Array[];
  rules: Set<string>;
  fold: number;
}

function prepare(): Prepared[] {
  const rubricPath = path.join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`);
  const rules = compileRubric({ ...readRubricFile(rubricPath), classifiers: [] });
  const cases = LOCALES.flatMap((locale) => [...loadCases(locale, caseFile(locale, 'development')), ...loadCases(locale, caseFile(locale, 'styles'))]);
  return cases.map((item, i) => {
    const lang = langOf(item.locale);
    const context = replyContext(item.reply, item.locale, lang, engineScenario(item.scenario), item.customer.map((c) => spokenTurn(c, lang)), rules.cues[lang]);
    const spans = sentenceFeatures(context);
    return {
      item,
      context,
      spans,
      negation: rules.moments[lang].negation,
      sentences: spans.map((s) => s.buckets),
      rules: replySignals(rules, item.locale, item.customer, item.reply, item.scenario, item.product),
      // Every fifth case in file order: each fold holds every locale and style.
      fold: i % FOLDS,
    };
  });
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
function count(truth: readonly boolean[], said: readonly boolean[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  truth.forEach((t, i) => {
    if (said[i] && t) c.tp++;
    else if (said[i]) c.fp++;
    else if (t) c.fn++;
  });
  return c;
}

/** The reply's score as the detector reads it: its best sentence whose strongest words are not negated. */
function scoreAsDetected(model: { bias: number; weights: Float64Array }, d: Prepared): number {
  let best = 0;
  d.spans.forEach((s) => {
    const p = probability(model, s.buckets);
    if (p > best && p >= 0.5 && !isNegatedEvidence(d.context.text.norm, s.start, s.end, d.context.lang, (b) => model.weights[b] as number, d.negation)) best = p;
  });
  return best;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`.padStart(7);

function main(): void {
  const data = prepare();
  const outDir = path.join(RUBRICS_DIR, 'models');
  mkdirSync(outDir, { recursive: true });
  console.log(`${data.length} development replies, ${FOLDS}-fold cross-validation\n`);
  console.log('family                          labelled  rules P / R        model P / R        together P / R     threshold  shipped');
  const shipped: string[] = [];
  for (const family of FAMILIES) {
    const truth = data.map((d) => d.item.signals.includes(family));
    const asReplies = (rows: readonly Prepared[]): TrainingReply[] => rows.map((d) => ({ sentences: d.sentences, positive: d.item.signals.includes(family) }));
    const outOfFold = new Array<number>(data.length).fill(0);
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = train(asReplies(data.filter((d) => d.fold !== fold)));
      data.forEach((d, i) => {
        if (d.fold === fold) outOfFold[i] = scoreAsDetected(model, d);
      });
    }
    const rules = data.map((d) => d.rules.has(family));
    const ruleCounts = count(truth, rules);
    let best: { threshold: number; together: Counts; alone: Counts } | undefined;
    for (const threshold of THRESHOLDS) {
      const alone = outOfFold.map((p) => p >= threshold);
      const together = count(truth, rules.map((r, i) => r || (alone[i] as boolean)));
      // What the model adds (replies the rules missed) must be right 95 times in 100, and the
      // two together no less precise than the floor, or than the rules alone where they are below it.
      const added = count(truth, rules.map((r, i) => !r && (alone[i] as boolean)));
      if (added.tp + added.fp > 0 && precision(added) < 0.95) continue;
      if (precision(together) < Math.min(PRECISION_FLOOR, precision(ruleCounts))) continue;
      if (!best || recall(together) > recall(best.together)) best = { threshold, together, alone: count(truth, alone) };
    }
    const gains = best !== undefined && best.together.tp > ruleCounts.tp;
    const labelled = truth.filter(Boolean).length;
    console.log(
      `${family.padEnd(32)}${String(labelled).padStart(8)}  ${pct(precision(ruleCounts))} ${pct(recall(ruleCounts))}   ` +
        (best
          ? `${pct(precision(best.alone))} ${pct(recall(best.alone))}   ${pct(precision(best.together))} ${pct(recall(best.together))}   ${best.threshold.toFixed(2).padStart(9)}`
          : '      (none keeps precision)                           ') +
        `  ${gains ? 'yes' : 'no'}`,
    );
    if (!gains || !best) {
      rmSync(path.join(outDir, `${family}.json`), { force: true });
      continue;
    }
    const final = roundedWeights(train(asReplies(data)));
    const file = {
      format: 'sparring-sentence-model-1',
      signal: family,
      buckets: FEATURE_BUCKETS,
      trained: {
        by: 'npm run train',
        replies: data.length,
        labelled,
        options: TRAINING_DEFAULTS,
        crossValidated: {
          folds: FOLDS,
          threshold: best.threshold,
          rules: { precision: precision(ruleCounts), recall: recall(ruleCounts) },
          together: { precision: precision(best.together), recall: recall(best.together) },
        },
      },
      ...final,
    };
    writeFileSync(path.join(outDir, `${family}.json`), `${JSON.stringify(file)}\n`);
    shipped.push(`  - model: ${family}.json\n    signals: [${family}]\n    threshold: ${best.threshold.toFixed(2)}`);
  }
  console.log(`\nWritten to rubrics/models/. The rubric's section for these figures:\n\n# ---- classifiers\nclassifiers:\n${shipped.join('\n')}`);
}

main();
