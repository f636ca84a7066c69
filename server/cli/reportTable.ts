/**
 * The human-readable form of one score report, for `sparring score` without --json and
 * for the demo: a header, one block per trainee turn, then the session summary. Columns
 * are padded by display width, so Chinese (two columns a character) lines up. Plain text
 * with no colour codes, so NO_COLOR and pipes need nothing special.
 */
import stringWidth from 'string-width';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { CRITERIA, type CriterionId, type Locale, type ScoreReport, type Transcript } from '../scoring/types.ts';

export interface ReportView {
  /** The file's name as shown to people. */
  file: string;
  transcript: Transcript;
  report: ScoreReport;
  /** For the rubric's and criteria's names in the transcript's locale. */
  rubric: Pick<CompiledRubric, 'name' | 'criteria'>;
}

const EXCERPT_COLUMNS = 56;

function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - stringWidth(text)));
}

function padStart(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - stringWidth(text))) + text;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text on one line, cut to `columns` display columns with "…" (never mid-character). */
function excerpt(text: string, columns: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (stringWidth(flat) <= columns) return flat;
  let out = '';
  for (const { segment } of graphemes.segment(flat)) {
    if (stringWidth(out + segment) > columns - 1) break;
    out += segment;
  }
  return `${out}…`;
}

function quote(text: string, locale: Locale): string {
  return locale === 'en' ? `"${text}"` : `「${text}」`;
}

/** A criterion as a person reads it: its name in the locale, plus the id for Chinese. */
function criterionLabel(view: ReportView, id: CriterionId): string {
  const name = view.rubric.criteria[id].name[view.report.locale];
  if (!name) return id;
  return view.report.locale === 'en' ? name : `${name} ${id}`;
}

function ratio(value: number | null): string {
  return value === null ? 'n/a (no questions)' : String(value);
}

export function renderReport(view: ReportView): string {
  const { report, transcript } = view;
  const labels = Object.fromEntries(CRITERIA.map((id) => [id, criterionLabel(view, id)])) as Record<CriterionId, string>;
  const labelWidth = Math.max(...CRITERIA.map((id) => stringWidth(labels[id])));
  const row = (id: CriterionId, score: number, note = ''): string =>
    `    ${padEnd(labels[id], labelWidth)}  ${padStart(String(score), 3)}${note ? `  ${note}` : ''}`;

  const lines = [
    view.file,
    `  locale   ${report.locale}`,
    `  rubric   ${report.rubric} (${view.rubric.name[report.locale]})`,
    `  overall  ${report.summary.overall} / 100`,
  ];
  const failed = report.summary.failed;
  if (failed) lines.push(`  failed   ${failed.signals.join(', ')} (${failed.turns.map((i) => `turns[${i}]`).join(', ')}): overall capped`);
  if (report.turns.length === 0) lines.push('', '  no trainee turns to score');
  for (const turn of report.turns) {
    const text = transcript.turns[turn.index]?.text ?? '';
    lines.push('', `  turns[${turn.index}]  ${quote(excerpt(text, EXCERPT_COLUMNS), report.locale)}`);
    lines.push(`    signals: ${turn.signals.length > 0 ? turn.signals.join(', ') : 'none'}`);
    for (const id of CRITERIA) lines.push(row(id, turn.criteria[id].score, turn.criteria[id].feedback));
  }
  const { criteria, listening } = report.summary;
  // The call's own process; the complaint steps for a complaint call or one without a scenario.
  const process = report.summary.process;
  const steps = process ?? report.summary.complaint_steps;
  const stepsLabel = padEnd(`${process && process.scenario !== 'complaint' ? process.scenario.replace('_', '-') : 'complaint'} steps`, 16);
  lines.push('', '  session');
  for (const id of CRITERIA) lines.push(row(id, criteria[id]));
  lines.push(
    `    ${stepsLabel} covered: ${steps.covered.join(', ') || 'none'}; missing: ${steps.missing.join(', ') || 'none'}; in order: ${steps.in_order ? 'yes' : 'no'}`,
    // The rubric's sentence on what the call missed or took out of order, under its steps.
    ...(process?.feedback ? [`    ${padEnd('', 16)} ${process.feedback}`] : []),
    `    listening        reflections ${listening.reflections}, open questions ${listening.open_questions}, closed questions ${listening.closed_questions};` +
      ` reflections per question ${ratio(listening.reflection_to_question_ratio)}; open share ${ratio(listening.open_question_share)}`,
  );
  return `${lines.join('\n')}\n`;
}
