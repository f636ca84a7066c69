// `npm run eval`: how well the rubric engine agrees with labels, printed as a report.
// Our own labelled cases per locale and signal with the commonest misses, then each public
// dataset. Low figures are findings, not failures: the exit code is 1 only when something
// could not be loaded or scored.
//
//   npm run eval [-- --misses N|all] [-- --held-out-misses] [-- --json]
//   npm run eval -- --llm [--llm-limit N]   model-assisted detection against the endpoint
//     in OPENAI_BASE_URL / OPENAI_API_KEY / LLM_MODEL: the labelled sets only, rules alone,
//     model alone and both; held-out sets as figures only (N: cases per locale and set)
//
// The held-out sets' misses are shown only with --held-out-misses: tuning looks at their
// figures alone.
import { existsSync } from 'node:fs';
import { parseArgs as parseArgs_ } from 'node:util';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { displayWidth, formatTable } from './metrics.ts';
import { caseFile, LABELLED_SIGNALS, LOCALES, loadCases, measureCases, type CaseMeasurement, type CaseSet, type Locale, type Miss, type Rubric } from './ownCases.ts';
import { callFile, loadCalls, measureCalls, type CallMeasurement } from './ownCalls.ts';
import { signalFamily } from './contractIds.ts';
import { measureAnnoMI } from './datasets/annomi.ts';
import { measureCped } from './datasets/cped.ts';
import { measureEpitome } from './datasets/epitome.ts';
import { measureEmpatheticPersonas } from './datasets/empatheticPersonas.ts';
import type { DatasetReport, DatasetResult } from './datasets/shared.ts';
import { measureCasesWithModel } from './modelCases.ts';
import { createJudgeModel } from '../../server/llm/chatModel.ts';
import { llmEnabled, parseLlmConfig } from '../../server/llm/llmConfig.ts';

const LEGEND =
  'n+/gold+: items the labels mark; pred/pred+: items the engine marks; P, R, F1 (F1 = 1 when neither marks anything); kappa: Cohen\'s, labels vs engine; "-": undefined';
const USAGE = 'usage: npm run eval -- [--misses N|all] [--held-out-misses] [--json] [--llm [--llm-limit N]]';
const DEFAULT_MISSES = 15;
const REPLY_WIDTH = 90;
/** A table column of ratios, printed with two decimals throughout. */
const ratio = (header: string) => ({ header, decimals: 2 });

interface Options {
  help: boolean;
  json: boolean;
  /** How many misses to print; Infinity for all. */
  misses: number;
  /**
   * Whether to show the held-out sets' misses too. Off by default: whoever tunes sees only
   * those sets' figures, never their words, so they stay held out.
   */
  heldOutMisses: boolean;
  /** Measure model-assisted detection against the configured endpoint (the labelled sets only). */
  llm: boolean;
  /** With --llm: at most this many cases per locale and set (endpoints are slow and may cost). */
  llmLimit: number;
}

type LocaleOutcome = ({ status: 'ok' } & CaseMeasurement) | { status: 'error'; locale: Locale; error: string };
type CallsOutcome = ({ status: 'ok'; set: 'development' | 'holdout' } & CallMeasurement) | { status: 'error'; set: 'development' | 'holdout'; error: string };
type DatasetOutcome = DatasetReport | { name: string; status: 'error'; error: string };

const DATASETS: readonly { name: string; measure: (rubric: Rubric) => DatasetReport }[] = [
  { name: 'epitome', measure: measureEpitome },
  { name: 'annomi', measure: measureAnnoMI },
  { name: 'cped', measure: measureCped },
  { name: 'empathetic-personas', measure: measureEmpatheticPersonas },
];

function parseArgs(args: readonly string[]): Options {
  const { values } = parseArgs_({
    args: [...args],
    options: {
      json: { type: 'boolean' },
      misses: { type: 'string' },
      'held-out-misses': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      llm: { type: 'boolean' },
      'llm-limit': { type: 'string' },
    },
    strict: true,
  });
  let misses = DEFAULT_MISSES;
  if (values.misses === 'all') misses = Infinity;
  else if (values.misses !== undefined) {
    if (!/^\d+$/.test(values.misses)) throw new Error(`--misses needs a number or "all"\n${USAGE}`);
    misses = Number(values.misses);
  }
  let llmLimit = Infinity;
  if (values['llm-limit'] !== undefined) {
    if (!/^[1-9]\d*$/.test(values['llm-limit'])) throw new Error(`--llm-limit needs a whole number above 0\n${USAGE}`);
    llmLimit = Number(values['llm-limit']);
  }
  return { help: values.help ?? false, json: values.json ?? false, misses, heldOutMisses: values['held-out-misses'] ?? false, llm: values.llm ?? false, llmLimit };
}

function measureLocale(rubric: Rubric, locale: Locale, set: CaseSet): LocaleOutcome {
  try {
    return { status: 'ok', ...measureCases(rubric, loadCases(locale, caseFile(locale, set)), LABELLED_SIGNALS[set]) };
  } catch (error) {
    return { status: 'error', locale, error: messageOf(error) };
  }
}

/** Every locale's whole calls of one set, measured together; a locale without a file is left out. */
function measureCallSet(rubric: Rubric, set: 'development' | 'holdout'): CallsOutcome {
  try {
    const calls = LOCALES.filter((locale) => existsSync(callFile(locale, set))).flatMap((locale) => loadCalls(locale, callFile(locale, set)));
    return { status: 'ok', set, ...measureCalls(rubric, calls) };
  } catch (error) {
    return { status: 'error', set, error: messageOf(error) };
  }
}

function measureDataset(rubric: Rubric, dataset: (typeof DATASETS)[number]): DatasetOutcome {
  try {
    return dataset.measure(rubric);
  } catch (error) {
    return { name: dataset.name, status: 'error', error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- text report ----

const CASE_SET_TITLES: Record<CaseSet, string> = {
  development: '== Own labelled cases: development set (test/cases; the word lists are tuned on these) ==',
  styles: '== Own labelled cases: styles set (test/cases/styles; 1,500 development replies in five styles, for tuning) ==',
  holdout: '== Own labelled cases: held-out set (test/cases/holdout; written after round 1\'s tuning, never tuned on) ==',
  blind: '== Own labelled cases: blind held-out set (test/cases/blind; written without sight of the rubric or the engine, frozen before round 2\'s tuning, never tuned on) ==',
};

function printOwnCases(set: CaseSet, outcomes: readonly LocaleOutcome[], missLimit: number): void {
  console.log(`${CASE_SET_TITLES[set]}\n`);
  for (const outcome of outcomes) {
    if (outcome.status === 'error') {
      console.log(`${outcome.locale}: ERROR ${outcome.error}\n`);
      continue;
    }
    console.log(`${outcome.locale}: ${outcome.cases} cases`);
    const rows = outcome.signals.map((s) => [s.signal, s.positives, s.predicted, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1]);
    console.log(indent(formatTable(['signal', 'n+', 'pred', 'tp', 'fp', 'fn', ratio('P'), ratio('R'), ratio('F1')], rows)));
    console.log();
  }
  printFamilies(outcomes);
  printMisses(outcomes.flatMap((o) => (o.status === 'ok' ? o.misses : [])), missLimit);
}

/** Recall and precision per family (micro-averaged over its signals), the languages side by side. */
function printFamilies(outcomes: readonly LocaleOutcome[]): void {
  const measured = outcomes.filter((o): o is Extract<LocaleOutcome, { status: 'ok' }> => o.status === 'ok');
  const families = [...new Set(measured.flatMap((o) => o.signals.map((s) => signalFamily(s.signal))))];
  const cell = (o: (typeof measured)[number], family: string): string => {
    const rows = o.signals.filter((s) => signalFamily(s.signal) === family);
    const tp = rows.reduce((n, r) => n + r.tp, 0);
    const fp = rows.reduce((n, r) => n + r.fp, 0);
    const fn = rows.reduce((n, r) => n + r.fn, 0);
    if (tp + fn === 0 && fp === 0) return '-';
    const r = tp + fn === 0 ? '-' : (tp / (tp + fn)).toFixed(2);
    const p = tp + fp === 0 ? '-' : (tp / (tp + fp)).toFixed(2);
    return `R ${r} P ${p} (${tp + fn})`;
  };
  const rows = [...families, 'all signals'].map((family) => [family, ...measured.map((o) => (family === 'all signals' ? cellAll(o) : cell(o, family)))]);
  function cellAll(o: (typeof measured)[number]): string {
    const tp = o.signals.reduce((n, r) => n + r.tp, 0);
    const fp = o.signals.reduce((n, r) => n + r.fp, 0);
    const fn = o.signals.reduce((n, r) => n + r.fn, 0);
    return `R ${(tp / Math.max(1, tp + fn)).toFixed(2)} P ${(tp / Math.max(1, tp + fp)).toFixed(2)}`;
  }
  console.log('By family (recall, precision, labelled positives):');
  console.log(indent(formatTable(['family', ...measured.map((o) => o.locale)], rows)));
  console.log();
}

/** Misses grouped by locale, signal and kind, biggest group first, cut to the limit. */
function printMisses(misses: readonly Miss[], limit: number): void {
  if (misses.length === 0) {
    console.log('No misses.\n');
    return;
  }
  const groups = new Map<string, Miss[]>();
  for (const m of misses) {
    const key = `${m.locale} ${m.signal} ${m.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const shown = Math.min(limit, misses.length);
  const more = shown < misses.length ? ` (--misses N or --misses all for more)` : '';
  console.log(`Commonest misses: ${shown} of ${misses.length} shown${more}`);
  let left = shown;
  for (const [key, group] of ordered) {
    if (left <= 0) break;
    console.log(`  ${key} (${group.length})`);
    for (const m of group.slice(0, left)) {
      console.log(`    ${m.caseId}: ${truncate(JSON.stringify(m.reply), REPLY_WIDTH)}  [detected: ${m.detected.join(', ') || 'none'}]`);
    }
    left -= group.length;
  }
  console.log();
}

function printCalls(outcome: CallsOutcome, missLimit: number): void {
  console.log(`Whole calls, process steps per scenario (${outcome.set === 'holdout' ? 'held-out set' : 'development set'})\n`);
  if (outcome.status === 'error') return console.log(`ERROR ${outcome.error}\n`);
  if (outcome.rows.length === 0) return console.log('  no labelled calls in this set\n');
  const rows = outcome.rows.map((r) => [r.scenario, r.locale, r.calls, r.exactCalls, r.steps.precision, r.steps.recall, r.steps.f1, r.turnSteps.precision, r.turnSteps.recall, r.orderAgreed, r.conduct.precision, r.conduct.recall]);
  const columns = ['scenario', 'locale', 'calls', 'exact', ratio('step P'), ratio('step R'), ratio('step F1'), ratio('turn P'), ratio('turn R'), 'order ok', ratio('conduct P'), ratio('conduct R')];
  console.log(indent(formatTable(columns, rows)));
  console.log('  exact: calls whose covered steps, in order, equal the labels; step: per call and step; turn: the step on the labelled turn\n');
  for (const miss of outcome.misses.slice(0, missLimit)) console.log(`  ${miss.locale} ${miss.callId} (${miss.scenario}): ${truncate(miss.what, REPLY_WIDTH)}`);
  if (outcome.misses.length > missLimit) console.log(`  … and ${outcome.misses.length - missLimit} more`);
  console.log();
}

function printDatasets(outcomes: readonly DatasetOutcome[]): void {
  console.log('== Public datasets (none is customer-service data; figures show direction, not a pass mark) ==\n');
  for (const outcome of outcomes) {
    if (outcome.status === 'error') {
      console.log(`${outcome.name}: ERROR ${outcome.error}\n`);
      continue;
    }
    console.log(`${outcome.name}: ${outcome.description}`);
    if (outcome.status === 'skipped') {
      console.log(`  ${outcome.reason}\n`);
      continue;
    }
    printDatasetFigures(outcome);
  }
}

function printDatasetFigures(d: DatasetResult): void {
  console.log(`  ${d.items} items scored in ${d.seconds} s`);
  const rows = d.comparisons.map((c) => [c.label, c.n, c.positives, c.predicted, c.precision, c.recall, c.f1, c.kappa]);
  console.log(indent(formatTable(['gold vs engine', 'n', 'gold+', 'pred+', ratio('P'), ratio('R'), ratio('F1'), ratio('kappa')], rows)));
  if (d.levels.length > 0) {
    console.log('  detection rate by gold level:');
    const levelRows = d.levels.map((l) => [l.comparison, l.level, l.n, l.detected, l.rate]);
    console.log(indent(formatTable(['comparison', 'level', 'n', 'fired', ratio('rate')], levelRows), 4));
  }
  if (d.agreements.length > 0) {
    console.log('  other agreement:');
    console.log(indent(formatTable(['what', 'n', ratio('kappa')], d.agreements.map((a) => [a.label, a.n, a.kappa])), 4));
  }
  for (const note of d.notes) console.log(`  note: ${note}`);
  console.log();
}

function indent(text: string, spaces = 2): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

// ---- model-assisted detection (--llm) ----

const MODEL_VIEWS = [
  ['rules', 'rules alone'],
  ['model', "the model's accepted findings alone"],
  ['combined', 'rules + model (as if the rubric counted model findings)'],
] as const;

async function runWithModel(rubric: Rubric, options: Options): Promise<number> {
  const config = parseLlmConfig();
  if (!config.ok || !llmEnabled()) {
    console.error(config.ok ? '--llm needs OPENAI_BASE_URL or OPENAI_API_KEY (and LLM_MODEL)' : config.message);
    return 1;
  }
  const model = createJudgeModel(config.config, 0);
  const modelOptions = { method: config.config.judgeMethod, timeoutMs: config.config.timeoutMs };
  console.log(`Model-assisted detection: ${config.config.model} at ${config.config.baseURL ?? 'OpenAI'} (${config.config.judgeMethod}); at most ${options.llmLimit} cases per locale and set\n`);
  const errors: string[] = [];
  for (const set of ['development', 'styles', 'holdout', 'blind'] as const) {
    const heldOut = set === 'holdout' || set === 'blind';
    const measured = [];
    for (const locale of LOCALES) {
      try {
        const cases = loadCases(locale, caseFile(locale, set)).slice(0, options.llmLimit);
        measured.push(await measureCasesWithModel(rubric, cases, LABELLED_SIGNALS[set], model, modelOptions));
      } catch (error) {
        errors.push(`${set} ${locale}: ${messageOf(error)}`);
      }
    }
    console.log(`${CASE_SET_TITLES[set]}\n`);
    const discarded = measured.reduce((n, m) => n + m.discarded, 0);
    const failed = measured.reduce((n, m) => n + m.failed, 0);
    const cases = measured.reduce((n, m) => n + m.rules.cases, 0);
    console.log(`${cases} replies; quotes not in the reply (dropped): ${discarded}; replies the model could not read (rules alone): ${failed}\n`);
    for (const [view, title] of MODEL_VIEWS) {
      console.log(`-- ${title}`);
      printFamilies(measured.map((m) => ({ status: 'ok' as const, ...m[view] })));
    }
    // The held-out sets' words stay hidden: figures only, as without --llm.
    if (!heldOut || options.heldOutMisses) {
      printMisses(measured.flatMap((m) => m.combined.misses), options.misses);
      for (const failure of measured.flatMap((m) => m.failures).slice(0, options.misses)) console.log(`  model failed: ${failure}`);
    }
  }
  for (const error of errors) console.error(`error: ${error}`);
  return errors.length > 0 ? 1 : 0;
}

// ---- main ----

function main(): number | Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  let rubric: Rubric;
  try {
    rubric = loadDefaultRubric();
  } catch (error) {
    console.error(`error: could not load the default rubric: ${messageOf(error)}`);
    return 1;
  }
  if (options.llm) return runWithModel(rubric, options);

  const ownCases = LOCALES.map((locale) => measureLocale(rubric, locale, 'development'));
  const styles = LOCALES.map((locale) => measureLocale(rubric, locale, 'styles'));
  const holdout = LOCALES.map((locale) => measureLocale(rubric, locale, 'holdout'));
  const blind = LOCALES.map((locale) => measureLocale(rubric, locale, 'blind'));
  const calls = (['development', 'holdout'] as const).map((set) => measureCallSet(rubric, set));
  const datasets = DATASETS.map((d) => measureDataset(rubric, d));
  const errors = [
    ...[...ownCases, ...styles, ...holdout, ...blind].flatMap((o) => (o.status === 'error' ? [o.error] : [])),
    ...calls.flatMap((o) => (o.status === 'error' ? [`calls (${o.set}): ${o.error}`] : [])),
    ...datasets.flatMap((d) => (d.status === 'error' ? [`${d.name}: ${d.error}`] : [])),
  ];

  if (options.json) {
    const hide = <T extends { status: string }>(o: T): T => (options.heldOutMisses || o.status !== 'ok' ? o : { ...o, misses: [] });
    const shownCalls = calls.map((c) => (c.set === 'holdout' ? hide(c) : c));
    console.log(JSON.stringify({ ownCases, styles, holdout: holdout.map(hide), blind: blind.map(hide), calls: shownCalls, datasets, errors }, null, 2));
  } else {
    console.log(`${LEGEND}\n`);
    printOwnCases('development', ownCases, options.misses);
    printOwnCases('styles', styles, options.misses);
    const heldOut = options.heldOutMisses ? options.misses : 0;
    printOwnCases('holdout', holdout, heldOut);
    printOwnCases('blind', blind, heldOut);
    for (const outcome of calls) printCalls(outcome, outcome.set === 'holdout' ? heldOut : options.misses);
    printDatasets(datasets);
  }
  for (const error of errors) console.error(`error: ${error}`);
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();

