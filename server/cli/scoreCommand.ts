/**
 * `sparring score FILE... [--json] [--rubric ID] [--llm]`: scores transcript files with the rubric
 * engine's scorer (server/scoring/scorer.ts), as the scoring contract describes. With --llm
 * a configured model also proposes signals (server/graders/modelReport.ts). A bad file is one line on stderr naming the
 * file, line and field, and the other files are still scored. The demo reuses scoreFile.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { FileError, formatProblem, type FileProblem } from '../dataFiles/fileError.ts';
import { parseDataText } from '../dataFiles/parseDataFile.ts';
import { DEFAULT_RUBRIC_ID, loadDefaultRubric, loadRubricById, RUBRICS_DIR } from '../dataFiles/loadRubric.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { createScorer, type Scorer } from '../scoring/scorer.ts';
import { Transcript, type ScoreReport } from '../scoring/types.ts';
import { readCommandLine } from './commandLine.ts';
import type { Command } from './command.ts';
import { renderReport } from './reportTable.ts';
import { createJudgeModel } from '../llm/chatModel.ts';
import { llmEnabled, parseLlmConfig } from '../llm/llmConfig.ts';
import { withModelSignals, type ModelNotice } from '../graders/modelReport.ts';

const USAGE = 'usage: sparring score FILE... [--json] [--rubric ID] [--llm]';

const HELP = `${USAGE}

Scores each transcript FILE (JSON: locale, scenario, persona, turns) and prints a table.
Use - as FILE to read one transcript from standard input.

Options (before or after the files):
  --json        JSON Lines: one score report per file, in input order, with "file"
  --rubric ID   score with rubrics/ID.yaml (default: ${DEFAULT_RUBRIC_ID})
  --llm         also ask the model at OPENAI_BASE_URL / OPENAI_API_KEY / LLM_MODEL to
                propose signals with quotes; accepted ones are marked "found by the model"
                and count only where the rubric's model_signals.counts says so

Exit code: 0 every file scored, 1 some file was not valid (see stderr), 2 usage error.
`;

interface ScoreArgs {
  files: string[];
  json: boolean;
  rubricId: string | undefined;
  help: boolean;
  llm: boolean;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseScoreArgs(args: readonly string[]): Result<ScoreArgs> {
  const read = readCommandLine(args, { json: { type: 'boolean' }, rubric: { type: 'string' }, help: { type: 'boolean', short: 'h' }, llm: { type: 'boolean' } });
  if (!read.ok) return { ok: false, error: read.error.replace('--rubric needs a value', '--rubric needs a rubric id') };
  const files = read.positionals;
  // Standard input holds one transcript and can be read once.
  if (files.filter((f) => f === '-').length > 1) return { ok: false, error: '"-" (standard input) may be given only once' };
  const { json = false, rubric, help = false, llm = false } = read.values;
  return { ok: true, value: { files, json, rubricId: rubric, help, llm } };
}

export function loadRubricFor(id: string | undefined): Result<CompiledRubric> {
  try {
    return { ok: true, value: id === undefined ? loadDefaultRubric() : loadRubricById(id) };
  } catch (err) {
    if (!(err instanceof FileError)) throw err;
    if (id !== undefined && err.problems.some((p) => p.message.startsWith('no rubric with id'))) {
      const known = readdirSync(RUBRICS_DIR).filter((n) => /\.ya?ml$/.test(n)).map((n) => n.replace(/\.ya?ml$/, ''));
      return { ok: false, error: `unknown rubric "${id}" (rubrics: ${known.join(', ') || 'none'})` };
    }
    return { ok: false, error: `the rubric is not valid: ${oneLine(err.problems)}` };
  }
}

/** Every problem of a file on one line: the first in full, the rest after it. */
function oneLine(problems: readonly FileProblem[]): string {
  const flat = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
  const [first, ...rest] = problems;
  if (!first) return 'not valid';
  const more = rest.slice(0, 3).map((p) => {
    const where = [p.line !== undefined ? `line ${p.line}` : '', p.field ?? ''].filter(Boolean).join(', ');
    return where ? `${where}: ${flat(p.message)}` : flat(p.message);
  });
  if (rest.length > 3) more.push(`and ${rest.length - 3} more`);
  return [flat(formatProblem(first)), ...more].join('; ');
}

/**
 * Where JSON.parse failed, as an offset. Node 20 gives "at position N" for most errors
 * but not for "Unexpected token"; then the offset is found by bisection: a prefix of the
 * text that fails only for ending too soon is fine, so the error is just past the longest.
 */
function jsonErrorOffset(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (message.includes('Unexpected end of JSON input')) return text.length;
  const fineSoFar = (prefix: string): boolean => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (err) {
      const m = (err as Error).message;
      const pos = /at position (\d+)/.exec(m);
      return m.includes('Unexpected end of JSON input') || (pos !== null && Number(pos[1]) >= prefix.length);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fineSoFar(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function jsonSyntaxError(label: string, text: string, err: Error): string {
  const offset = jsonErrorOffset(text, err.message);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  // V8's messages quote the source around the error; the line and column say it better.
  const token = /^Unexpected token '(.+?)',/s.exec(err.message);
  const reason = token ? `unexpected '${token[1]}'` : err.message.replace(/ in JSON at position \d+.*$/s, '').replace(/^\w/, (c) => c.toLowerCase());
  return `${label}:${line}:${column}: not valid JSON: ${reason}`;
}

/** How a file is named to people: "-" alone would read as a typo. */
export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

async function readInput(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export type Scored = { ok: true; file: string; transcript: Transcript; report: ScoreReport } | { ok: false; file: string; error: string };

/** Reads, validates and scores one transcript; `file` is the name shown, `path` what is read. */
export async function scoreFile(scorer: Scorer, file: string, path: string = file): Promise<Scored> {
  const label = displayName(file);
  let text: string;
  try {
    text = (await readInput(path)).replace(/^\uFEFF/, ''); // editors on Windows add a BOM
  } catch (err) {
    return { ok: false, file, error: `${label}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    JSON.parse(text);
  } catch (err) {
    return { ok: false, file, error: jsonSyntaxError(label, text, err as Error) };
  }
  try {
    // Valid JSON is valid YAML: parsing it again as YAML gives the line of a bad field.
    const transcript = parseDataText(label, text, Transcript);
    return { ok: true, file, transcript, report: scorer.scoreTranscript(transcript) };
  } catch (err) {
    if (err instanceof FileError) return { ok: false, file, error: oneLine(err.problems) };
    throw err;
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parseScoreArgs(args);
  if (!parsed.ok) {
    process.stderr.write(`sparring score: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { files, json, rubricId, help, llm } = parsed.value;
  if (help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (files.length === 0) {
    process.stderr.write(`sparring score: no transcript file given\n${USAGE}\n`);
    return 2;
  }
  const rubric = loadRubricFor(rubricId);
  if (!rubric.ok) {
    process.stderr.write(`sparring score: ${rubric.error}\n`);
    return 2;
  }
  let assist: ModelAssist | undefined;
  if (llm) {
    const config = parseLlmConfig();
    if (!config.ok || !llmEnabled()) {
      process.stderr.write(`sparring score: ${config.ok ? '--llm needs OPENAI_BASE_URL or OPENAI_API_KEY (and LLM_MODEL for a model of your choice)' : config.message}\n`);
      return 2;
    }
    const model = createJudgeModel(config.config);
    const options = { method: config.config.judgeMethod, timeoutMs: config.config.timeoutMs };
    assist = async (scored) => withModelSignals(model, rubric.value, scored.transcript, scored.report, options);
  }
  const failed = await printScores(createScorer(rubric.value), files.map((file) => ({ file })), json, assist);
  return failed > 0 ? 1 : 0;
}

/**
 * Scores files one at a time, so the output follows the input order: a table each, or a
 * JSON line each; a bad file's one-line error goes to stderr. Returns how many failed.
 * `path` is where to read when it differs from the name to show (the demo's examples).
 */
export async function printScores(
  scorer: Scorer,
  files: readonly { file: string; path?: string }[],
  json: boolean,
  assist?: ModelAssist,
): Promise<number> {
  let failed = 0;
  let tables = 0;
  for (const { file, path } of files) {
    const ruled = await scoreFile(scorer, file, path);
    if (!ruled.ok) {
      failed++;
      process.stderr.write(`${ruled.error}\n`);
      continue;
    }
    const assisted = assist ? await assist(ruled) : undefined;
    const scored = assisted ? { ...ruled, report: assisted.report } : ruled;
    const notices = assisted?.notices ?? [];
    if (json) {
      process.stdout.write(`${JSON.stringify({ file, ...scored.report, ...(assist ? { model_notices: notices } : {}) })}\n`);
    } else {
      const table = renderReport({ ...scored, file: displayName(file), rubric: scorer.rubric });
      process.stdout.write(`${tables++ > 0 ? '\n' : ''}${table}${assist ? modelLines(scored.report, notices) : ''}`);
    }
  }
  return failed;
}

/** Adds the model's findings to a scored file (`--llm`). */
type ModelAssist = (scored: Extract<Scored, { ok: true }>) => Promise<{ report: ScoreReport; notices: ModelNotice[] }>;

/** What the model found, after the table: each finding with its quote, and the turns it could not read. */
function modelLines(report: ScoreReport, notices: readonly ModelNotice[]): string {
  const lines = ['', '  found by the model'];
  for (const turn of report.turns) {
    for (const criterion of Object.values(turn.criteria)) {
      for (const e of criterion.evidence) {
        if (e.source === 'model') lines.push(`    turns[${turn.index}]  ${e.signal}  "${e.text}"${e.counted ? '  (counted)' : '  (shown, not counted)'}`);
      }
    }
  }
  if (lines.length === 2) lines.push('    nothing beyond the rules');
  for (const n of notices) lines.push(`    turns[${n.turn}]  scored by the rules alone (${n.code}: ${n.message})`);
  return `${lines.join('\n')}\n`;
}

export const scoreCommand: Command = {
  name: 'score',
  args: 'FILE... [--json] [--rubric ID]',
  summary: 'score transcripts: a table, or JSON Lines with --json',
  run,
};
