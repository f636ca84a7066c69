// AnnoMI (motivational-interviewing counselling, English): the engine's question and
// reflection signals against expert labels of therapist utterances, scored after the
// client's preceding turns.
import path from 'node:path';
import { cohenKappa } from '../metrics.ts';
import { replySignals, type Rubric } from '../ownCases.ts';
import {
  ComparisonTally,
  datasetsDir,
  elapsedSeconds,
  missingFiles,
  readCsv,
  skipped,
  type Agreement,
  type CsvRow,
  type DatasetReport,
} from './shared.ts';

const NAME = 'annomi';
const FILE = 'AnnoMI-full.csv';
const DESCRIPTION =
  'MI therapist utterances (last 2 client turns as customer, en; majority label where several annotators): question open / closed vs listening.open_question / closed_question, reflection vs listening.reflection (and, as an extra row, vs reflection OR interpretation)';
const CONTEXT_TURNS = 2;

type QuestionLabel = 'open' | 'closed' | 'none';

interface Utterance {
  transcript: string;
  order: number;
  speaker: string;
  text: string;
  annotations: CsvRow[];
}

export function measureAnnoMI(rubric: Rubric, folder = path.join(datasetsDir(), NAME)): DatasetReport {
  const missing = missingFiles(folder, [FILE]);
  if (missing) return skipped(NAME, DESCRIPTION, missing);

  const started = performance.now();
  const transcripts = groupUtterances(readCsv(path.join(folder, FILE)));

  const open = new ComparisonTally('open question vs listening.open_question');
  const closed = new ComparisonTally('closed question vs listening.closed_question');
  const reflection = new ComparisonTally('reflection vs listening.reflection');
  // An extra row, beside the one above and not instead of it: AnnoMI's complex reflections
  // (of feeling and meaning) are what our contract calls empathy.interpretation.
  const reflectionOrInterpretation = new ComparisonTally('(extra) reflection vs listening.reflection OR empathy.interpretation');
  const goldThreeWay: QuestionLabel[] = [];
  const predictedThreeWay: QuestionLabel[] = [];
  let therapistUtterances = 0;
  let questionTies = 0;
  let reflectionTies = 0;
  let bothQuestionKinds = 0;

  for (const utterances of transcripts.values()) {
    const clientSoFar: string[] = [];
    for (const u of utterances) {
      if (u.speaker === 'client') {
        if (u.text.trim()) clientSoFar.push(u.text);
        continue;
      }
      if (u.speaker !== 'therapist') continue;
      therapistUtterances++;
      const raised = replySignals(rubric, 'en', clientSoFar.slice(-CONTEXT_TURNS), u.text);
      const saysOpen = raised.has('listening.open_question');
      const saysClosed = raised.has('listening.closed_question');
      if (saysOpen && saysClosed) bothQuestionKinds++;

      const question = majority(u.annotations.map(questionLabel));
      if (question === null) questionTies++;
      else {
        open.add(question === 'open', saysOpen, `gold ${question}`);
        closed.add(question === 'closed', saysClosed, `gold ${question}`);
        goldThreeWay.push(question);
        // An utterance can hold several questions; the annotators chose one kind, so an open one counts first.
        predictedThreeWay.push(saysOpen ? 'open' : saysClosed ? 'closed' : 'none');
      }

      const reflects = majority(u.annotations.map((a) => a['reflection_exists'] === 'True'));
      if (reflects === null) reflectionTies++;
      else {
        const level = reflects ? `gold ${reflectionKind(u.annotations)}` : 'gold none';
        reflection.add(reflects, raised.has('listening.reflection'), level);
        reflectionOrInterpretation.add(reflects, raised.has('listening.reflection') || raised.has('empathy.interpretation'), level);
      }
    }
  }

  const agreements: Agreement[] = [
    { label: 'engine vs majority, question open/closed/none (open wins when both fire)', n: goldThreeWay.length, kappa: cohenKappa(goldThreeWay, predictedThreeWay) },
    ...annotatorCeiling(transcripts),
  ];

  return {
    name: NAME,
    description: DESCRIPTION,
    status: 'ok',
    items: therapistUtterances,
    comparisons: [open.comparison(), closed.comparison(), reflection.comparison(), reflectionOrInterpretation.comparison()],
    levels: [...open.levels(), ...closed.levels(), ...reflection.levels(), ...reflectionOrInterpretation.levels()],
    agreements,
    notes: [
      `${therapistUtterances} therapist utterances; annotator ties skipped: ${questionTies} for questions, ${reflectionTies} for reflections`,
      `both open and closed question fired on ${bothQuestionKinds} utterances`,
    ],
    seconds: elapsedSeconds(started),
  };
}

/** Utterances per transcript in spoken order, with every annotator's row kept together. */
function groupUtterances(rows: readonly CsvRow[]): Map<string, Utterance[]> {
  const byKey = new Map<string, Utterance>();
  for (const row of rows) {
    const transcript = row['transcript_id'] ?? '';
    const order = Number(row['utterance_id']);
    const key = `${transcript}\t${order}`;
    const existing = byKey.get(key);
    if (existing) existing.annotations.push(row);
    else byKey.set(key, { transcript, order, speaker: row['interlocutor'] ?? '', text: row['utterance_text'] ?? '', annotations: [row] });
  }
  const transcripts = new Map<string, Utterance[]>();
  for (const u of byKey.values()) {
    const list = transcripts.get(u.transcript) ?? [];
    list.push(u);
    transcripts.set(u.transcript, list);
  }
  for (const list of transcripts.values()) list.sort((a, b) => a.order - b.order);
  return transcripts;
}

function questionLabel(row: CsvRow): QuestionLabel {
  if (row['question_exists'] !== 'True') return 'none';
  return row['question_subtype'] === 'open' ? 'open' : 'closed';
}

function reflectionKind(rows: readonly CsvRow[]): string {
  const kinds = rows.filter((r) => r['reflection_exists'] === 'True').map((r) => r['reflection_subtype'] ?? 'n/a');
  return majority(kinds) ?? 'mixed';
}

/** The label most annotators gave, or null when the top count is shared. */
export function majority<T>(labels: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  let tied = false;
  for (const [label, count] of counts) {
    if (count > bestCount) {
      best = label;
      bestCount = count;
      tied = false;
    } else if (count === bestCount) tied = true;
  }
  return tied ? null : best;
}

/**
 * How far trained humans agree with each other: mean Cohen's kappa over every pair of
 * annotators on the therapist utterances both labelled (the multi-annotated subset).
 */
function annotatorCeiling(transcripts: ReadonlyMap<string, Utterance[]>): Agreement[] {
  const multi = [...transcripts.values()].flat().filter((u) => u.speaker === 'therapist' && u.annotations.length > 1);
  if (multi.length === 0) return [];
  const tasks: { label: string; value: (row: CsvRow) => string }[] = [
    { label: 'annotator vs annotator (mean over pairs), question open/closed/none', value: questionLabel },
    { label: 'annotator vs annotator (mean over pairs), reflection yes/no', value: (row) => row['reflection_exists'] ?? '' },
  ];
  const annotators = [...new Set(multi.flatMap((u) => u.annotations.map((a) => a['annotator_id'] ?? '')))].sort();
  return tasks.map(({ label, value }) => {
    const kappas: number[] = [];
    for (let i = 0; i < annotators.length; i++) {
      for (let j = i + 1; j < annotators.length; j++) {
        const a: string[] = [];
        const b: string[] = [];
        for (const u of multi) {
          const rowA = u.annotations.find((r) => r['annotator_id'] === annotators[i]);
          const rowB = u.annotations.find((r) => r['annotator_id'] === annotators[j]);
          if (!rowA || !rowB) continue;
          a.push(value(rowA));
          b.push(value(rowB));
        }
        const k = cohenKappa(a, b);
        if (k !== null) kappas.push(k);
      }
    }
    const mean = kappas.length === 0 ? null : kappas.reduce((s, k) => s + k, 0) / kappas.length;
    return { label, n: multi.length, kappa: mean };
  });
}
