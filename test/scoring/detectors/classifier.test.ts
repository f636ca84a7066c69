/**
 * The trained sentence models (`classifiers:` in the rubric): training gives the same weights
 * every time, a model file reads back as it was written, the evidence is one whole sentence
 * of the reply, and a mistake in the rubric's section names its file, line and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../../server/dataFiles/fileError.ts';
import { RUBRICS_DIR, loadDefaultRubric } from '../../../server/dataFiles/loadRubric.ts';
import { loadSentenceModel, loadSentenceModels, MODELS_DIR } from '../../../server/dataFiles/loadSentenceModels.ts';
import { parseDataText } from '../../../server/dataFiles/parseDataFile.ts';
import { replyContext } from '../../../server/scoring/context.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import { compileRubric } from '../../../server/scoring/rubric/compile.ts';
import { RubricFile } from '../../../server/scoring/rubric/schema.ts';
import { compileSentenceModels, FEATURE_BUCKETS, probability, SentenceModel, sentenceFeatures } from '../../../server/scoring/sentenceClassifier.ts';
import { roundedWeights, train, type TrainingReply } from '../../eval/sentenceTraining.ts';

const rubricPath = join(RUBRICS_DIR, 'lending-service-v1.yaml');
const original = readFileSync(rubricPath, 'utf8');
const rules = compileRubric({ ...parseDataText(rubricPath, original, RubricFile), classifiers: [] });

function sentencesOf(text: string): Uint32Array[] {
  return sentenceFeatures(replyContext(text, 'zh-Hans', 'zh', undefined, [], rules.cues.zh)).map((s) => s.buckets);
}

// A made-up family: replies that say the customer is upset.
const replies: TrainingReply[] = [
  ...['我知道您最近心烦意乱。', '听起来您这几天都心烦意乱。', '好的。您说您心烦意乱，我明白。', '心烦意乱的滋味不好受。'].map((t) => ({ sentences: sentencesOf(t), positive: true })),
  ...['您好，请问有什么可以帮您？', '我帮您查一下还款记录。', '这笔款项明天到账。', '请您稍等一下。', '好的，我记下了。'].map((t) => ({ sentences: sentencesOf(t), positive: false })),
];

function asFile(weights: { bias: number; weights: ArrayLike<number> }): SentenceModel {
  const rounded = roundedWeights({ bias: weights.bias, weights: Float64Array.from(weights.weights) });
  return SentenceModel.parse(JSON.parse(JSON.stringify({ format: 'sparring-sentence-model-1', signal: 'empathy.emotion', buckets: FEATURE_BUCKETS, ...rounded })));
}

describe('training', () => {
  it('gives the same weights on every run', () => {
    const a = train(replies);
    const b = train(replies);
    expect(b.bias).toBe(a.bias);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  });

  it('a model file reads back with the scores it was trained with', () => {
    const trained = train(replies);
    const file = asFile(trained);
    const sentence = sentencesOf('您最近心烦意乱吧。')[0]!;
    expect(probability(file, sentence)).toBeCloseTo(probability(trained, sentence), 6);
    expect(probability(file, sentence)).toBeGreaterThan(probability(file, sentencesOf('请您稍等一下。')[0]!));
  });

  it('the shipped model files are valid and small', () => {
    const file = loadSentenceModel(join(MODELS_DIR, 'empathy.emotion.json'));
    expect(file.signal).toBe('empathy.emotion');
    expect(readFileSync(join(MODELS_DIR, 'empathy.emotion.json')).length).toBeLessThan(300_000);
  });
});

describe('the classifier detector', () => {
  const model = asFile(train(replies));
  const bank = compileSentenceModels(new Map([['sleep.json', model]]));
  const file = parseDataText(rubricPath, original, RubricFile);
  // Only this model: the shipped ones are left out of the test rubric.
  const rubric = compileRubric({ ...file, classifiers: [{ model: 'sleep.json', signals: ['empathy.emotion'], threshold: 0.6 }] }, bank);

  it('marks the sentence the model scores highest, whole, as the evidence', () => {
    const text = '您好。您这阵子一直心烦意乱。我帮您查一下。';
    const turn = scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text }] }).turns[0]!;
    expect(turn.signals).toContain('empathy.emotion');
    expect(turn.criteria.empathy.evidence.map((e) => e.text)).toContain('您这阵子一直心烦意乱。');
  });

  it('says nothing when no sentence reaches the threshold', () => {
    const turn = scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text: '我帮您查一下还款记录。' }] }).turns[0]!;
    expect(turn.signals).not.toContain('empathy.emotion');
  });

  it("keeps the rules' words as the evidence when the rules found the signal", () => {
    const text = '非常抱歉让您久等了。您这阵子一直心烦意乱。';
    const turn = scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text }] }).turns[0]!;
    expect(turn.signals).toContain('empathy.emotion');
    expect(turn.criteria.empathy.evidence.map((e) => e.text)).not.toContain('您这阵子一直心烦意乱。');
  });

  it('never takes a negated sentence as the evidence', () => {
    const turn = scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text: '我没说您心烦意乱。' }] }).turns[0]!;
    expect(turn.signals).not.toContain('empathy.emotion');
  });

  it('passes over a sentence holding a word of its `unless` list, as a phrase list does', () => {
    const guarded = compileRubric(
      { ...file, classifiers: [{ model: 'sleep.json', signals: ['empathy.emotion'], threshold: 0.6, unless: { en: [], zh: ['没关系'] } }] },
      bank,
    );
    const score = (text: string) => scoreTranscript(guarded, { locale: 'zh-Hans', turns: [{ role: 'trainee', text }] }).turns[0]!.signals;
    expect(score('您这阵子一直心烦意乱。')).toContain('empathy.emotion');
    expect(score('心烦意乱也没关系。')).not.toContain('empathy.emotion');
    // The same sentence counts without the list.
    expect(scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text: '心烦意乱也没关系。' }] }).turns[0]!.signals).toContain('empathy.emotion');
  });

  it('the default rubric loads the models it names', () => {
    expect(() => loadDefaultRubric()).not.toThrow();
  });
});

describe('the classifiers section', () => {
  function problemsOf(text: string): FileError['problems'] {
    try {
      parseDataText(rubricPath, text, RubricFile);
    } catch (err) {
      if (err instanceof FileError) return err.problems;
      throw err;
    }
    throw new Error('the rubric parsed');
  }
  const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('a signal the rubric does not have names the file, line and field', () => {
    const edited = original.replace('    signals: [empathy.emotion]\n', '    signals: [empathy.emotions]\n');
    const [problem] = problemsOf(edited);
    expect(problem).toMatchObject({ path: rubricPath, line: lineOf(edited, 'signals: [empathy.emotions]'), field: 'classifiers[0].signals[0]' });
    expect(problem!.message).toContain('no signal "empathy.emotions"');
  });

  it('a threshold outside 0 to 1', () => {
    const edited = original.replace(/(  - model: empathy\.emotion\.json\n    signals: \[empathy\.emotion\]\n    threshold: )[\d.]+/, '$11.5');
    const [problem] = problemsOf(edited);
    expect(problem).toMatchObject({ path: rubricPath, field: 'classifiers[0].threshold' });
    expect(problem!.line).toBe(lineOf(edited, 'threshold: 1.5'));
  });

  it('a model file that is not there names its path', () => {
    const file = parseDataText(rubricPath, original.replace('model: empathy.emotion.json', 'model: nowhere.json'), RubricFile);
    expect(() => loadSentenceModels(rubricPath, file)).toThrow(/nowhere\.json: model file not found/);
  });
});
