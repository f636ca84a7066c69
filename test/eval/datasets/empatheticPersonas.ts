// EmpatheticPersonas (therapy-chatbot utterances, English and machine-translated Chinese):
// whether the engine finds any empathy in a reply against the median of three ratings.
import path from 'node:path';
import { cohenKappa } from '../metrics.ts';
import { replySignals, type Locale, type Rubric } from '../ownCases.ts';
import {
  ComparisonTally,
  anyOf,
  datasetsDir,
  elapsedSeconds,
  missingFiles,
  readCsv,
  skipped,
  type Agreement,
  type DatasetReport,
} from './shared.ts';

const NAME = 'empathetic-personas';
const LANGUAGES: readonly { file: string; locale: Locale; label: string }[] = [
  { file: 'EP_EN_full.csv', locale: 'en', label: 'EN' },
  { file: 'EP_ZH_full.csv', locale: 'zh-Hans', label: 'ZH (machine-translated)' },
];
const DESCRIPTION =
  'Therapy-chatbot utterances alone (en, and zh-Hans machine translation): median empathy score >= 1 vs any of empathy.emotion / interpretation / exploration';
const EMPATHY_SIGNALS = ['empathy.emotion', 'empathy.interpretation', 'empathy.exploration'];
const RATERS = ['annotator1_score', 'annotator2_score', 'annotator3_score'];

export function measureEmpatheticPersonas(rubric: Rubric, folder = path.join(datasetsDir(), NAME)): DatasetReport {
  const missing = missingFiles(folder, LANGUAGES.map((l) => l.file));
  if (missing) return skipped(NAME, DESCRIPTION, missing);

  const started = performance.now();
  let items = 0;
  const tallies: ComparisonTally[] = [];
  const agreements: Agreement[] = [];

  for (const language of LANGUAGES) {
    const rows = readCsv(path.join(folder, language.file));
    const t = new ComparisonTally(`${language.label} score>=1 vs any empathy signal`);
    for (const row of rows) {
      const score = Number(row['empathy_score']);
      if (!Number.isInteger(score)) throw new Error(`${NAME}/${language.file}: bad empathy_score ${JSON.stringify(row['empathy_score'])}`);
      const text = (row['response'] ?? '').trim();
      if (!text) continue;
      const raised = replySignals(rubric, language.locale, [], text);
      t.add(score >= 1, anyOf(raised, EMPATHY_SIGNALS), `score ${score}`);
      items++;
    }
    tallies.push(t);
    // The labels are the same in both files, so the human ceiling is given once.
    if (language.locale === 'en') agreements.push(raterCeiling(rows));
  }

  return {
    name: NAME,
    description: DESCRIPTION,
    status: 'ok',
    items,
    comparisons: tallies.map((t) => t.comparison()),
    levels: tallies.flatMap((t) => t.levels()),
    agreements,
    notes: ['replies are scored with no customer turn before them; Chinese labels were made on the English text'],
    seconds: elapsedSeconds(started),
  };
}

/** Mean kappa over the three pairs of raters on "score >= 1", for a sense of how far humans agree. */
function raterCeiling(rows: readonly Record<string, string>[]): Agreement {
  const kappas: number[] = [];
  for (let i = 0; i < RATERS.length; i++) {
    for (let j = i + 1; j < RATERS.length; j++) {
      const k = cohenKappa(
        rows.map((r) => Number(r[RATERS[i]!]) >= 1),
        rows.map((r) => Number(r[RATERS[j]!]) >= 1),
      );
      if (k !== null) kappas.push(k);
    }
  }
  return {
    label: 'rater vs rater (mean over pairs), score>=1',
    n: rows.length,
    kappa: kappas.length === 0 ? null : kappas.reduce((s, k) => s + k, 0) / kappas.length,
  };
}
