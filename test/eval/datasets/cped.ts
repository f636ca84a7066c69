// CPED (Chinese TV-drama dialogue, dev + test splits): the engine's question and emotion
// signals against dialogue-act labels, each utterance scored as a zh-Hans trainee turn
// after the previous utterance of its dialogue.
import path from 'node:path';
import { replySignals, type Rubric } from '../ownCases.ts';
import {
  ComparisonTally,
  anyOf,
  datasetsDir,
  elapsedSeconds,
  missingFiles,
  readCsv,
  skipped,
  type DatasetReport,
} from './shared.ts';

const NAME = 'cped';
const FILES = ['valid_split.csv', 'test_split.csv'] as const;
const DESCRIPTION =
  'TV-drama utterances (previous line as customer, zh-Hans): DA question vs open_question OR closed_question; DA apology or comfort vs empathy.emotion';
/** Past this, the rest of the utterances are left out and the figures are on a random sample. */
const TIME_BUDGET_MS = 20_000;
/** Acts whose detection rate is shown separately for the emotion signal. */
const ACTS_SHOWN = new Set(['apology', 'comfort', 'thanking', 'acknowledge', 'greeting', 'question']);

interface Line {
  context: string | null;
  text: string;
  act: string;
}

export function measureCped(rubric: Rubric, folder = path.join(datasetsDir(), NAME)): DatasetReport {
  const missing = missingFiles(folder, FILES);
  if (missing) return skipped(NAME, DESCRIPTION, missing);

  const started = performance.now();
  const lines = FILES.flatMap((file) => linesWithContext(readCsv(path.join(folder, file))));
  const question = new ComparisonTally('DA question vs open_question OR closed_question');
  const emotion = new ComparisonTally('DA apology|comfort vs empathy.emotion');

  let scoredCount = 0;
  // A fixed shuffle, so that if the time budget cuts the run short the scored part is still a fair sample.
  for (const i of shuffledIndices(lines.length)) {
    if (performance.now() - started > TIME_BUDGET_MS) break;
    const line = lines[i]!;
    const raised = replySignals(rubric, 'zh-Hans', line.context === null ? [] : [line.context], line.text);
    question.add(line.act === 'question', anyOf(raised, ['listening.open_question', 'listening.closed_question']));
    emotion.add(line.act === 'apology' || line.act === 'comfort', raised.has('empathy.emotion'), ACTS_SHOWN.has(line.act) ? `DA ${line.act}` : 'DA other');
    scoredCount++;
  }

  const notes = [`${lines.length} utterances in ${FILES.join(' + ')}`];
  if (scoredCount < lines.length) {
    notes.push(`time budget of ${TIME_BUDGET_MS / 1000} s reached: figures are on a random sample of ${scoredCount} of ${lines.length}`);
  }

  return {
    name: NAME,
    description: DESCRIPTION,
    status: 'ok',
    items: scoredCount,
    comparisons: [question.comparison(), emotion.comparison()],
    levels: emotion.levels(),
    agreements: [],
    notes,
    seconds: elapsedSeconds(started),
  };
}

/** Each utterance with the line spoken just before it in the same dialogue (null for the first). */
function linesWithContext(rows: readonly Record<string, string>[]): Line[] {
  const dialogues = new Map<string, { id: string; text: string; act: string }[]>();
  for (const row of rows) {
    const key = row['Dialogue_ID'] ?? '';
    const list = dialogues.get(key) ?? [];
    list.push({ id: row['Utterance_ID'] ?? '', text: (row['Utterance'] ?? '').trim(), act: row['DA'] ?? '' });
    dialogues.set(key, list);
  }
  const lines: Line[] = [];
  for (const list of dialogues.values()) {
    // Utterance ids are zero-padded ("32_000_004"), so string order is spoken order.
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let previous: string | null = null;
    for (const u of list) {
      if (!u.text) continue; // the contract forbids empty turns; none are expected in this data
      lines.push({ context: previous, text: u.text, act: u.act });
      previous = u.text;
    }
  }
  return lines;
}

/** 0..n-1 in a fixed pseudo-random order (Fisher-Yates with a seeded generator). */
function shuffledIndices(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 0x5eed;
  const next = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
