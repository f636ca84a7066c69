// EPITOME (Reddit peer support, English): the engine's empathy signals against the three
// annotated empathy mechanisms, with the response scored as a trainee reply to the seeker post.
import path from 'node:path';
import { replySignals, type Rubric } from '../ownCases.ts';
import {
  ComparisonTally,
  datasetsDir,
  elapsedSeconds,
  missingFiles,
  readCsv,
  skipped,
  type CsvRow,
  type DatasetReport,
} from './shared.ts';

const NAME = 'epitome';
const DESCRIPTION =
  'Reddit support replies (seeker post as customer, reply as trainee, en): emotional reactions / explorations / interpretations level >= 1 vs empathy.emotion / exploration / interpretation';

const MECHANISMS = [
  { file: 'emotional-reactions-reddit.csv', short: 'ER', signal: 'empathy.emotion' },
  { file: 'explorations-reddit.csv', short: 'EX', signal: 'empathy.exploration' },
  { file: 'interpretations-reddit.csv', short: 'IP', signal: 'empathy.interpretation' },
] as const;

interface Pair {
  seekerPost: string;
  responsePost: string;
  level: number;
}

export function measureEpitome(rubric: Rubric, folder = path.join(datasetsDir(), NAME)): DatasetReport {
  const missing = missingFiles(folder, MECHANISMS.map((m) => m.file));
  if (missing) return skipped(NAME, DESCRIPTION, missing);

  const started = performance.now();
  const notes: string[] = [];
  // The three files hold the same (post, reply) pairs, so each reply is scored once.
  const scored = new Map<string, Set<string>>();
  const signalsFor = (key: string, pair: Pair) => {
    let raised = scored.get(key);
    if (!raised) {
      raised = replySignals(rubric, 'en', [pair.seekerPost], pair.responsePost);
      scored.set(key, raised);
    }
    return raised;
  };

  const tallies = MECHANISMS.map((mechanism) => {
    const { pairs, duplicates, conflicting } = uniquePairs(readCsv(path.join(folder, mechanism.file)));
    notes.push(`${mechanism.short}: ${pairs.size} unique pairs (${duplicates} repeated rows merged, ${conflicting} pairs with conflicting levels dropped)`);
    const t = new ComparisonTally(`${mechanism.short} level>=1 vs ${mechanism.signal}`);
    for (const [key, pair] of pairs) {
      t.add(pair.level >= 1, signalsFor(key, pair).has(mechanism.signal), `level ${pair.level}`);
    }
    return t;
  });

  return {
    name: NAME,
    description: DESCRIPTION,
    status: 'ok',
    items: scored.size,
    comparisons: tallies.map((t) => t.comparison()),
    levels: tallies.flatMap((t) => t.levels()),
    agreements: [],
    notes,
    seconds: elapsedSeconds(started),
  };
}

/** One entry per (sp_id, rp_id); repeated rows with the same level merge, pairs labelled two ways are dropped. */
function uniquePairs(rows: readonly CsvRow[]): { pairs: Map<string, Pair>; duplicates: number; conflicting: number } {
  const pairs = new Map<string, Pair>();
  const conflicted = new Set<string>();
  let duplicates = 0;
  for (const row of rows) {
    const key = `${row['sp_id']}\t${row['rp_id']}`;
    const level = Number(row['level']);
    if (!Number.isInteger(level) || level < 0 || level > 2) throw new Error(`${NAME}: bad level ${JSON.stringify(row['level'])} for ${key}`);
    const seen = pairs.get(key);
    if (!seen) {
      pairs.set(key, { seekerPost: row['seeker_post'] ?? '', responsePost: row['response_post'] ?? '', level });
      continue;
    }
    duplicates++;
    if (seen.level !== level) conflicted.add(key);
  }
  for (const key of conflicted) pairs.delete(key);
  return { pairs, duplicates, conflicting: conflicted.size };
}
