// Our own labelled whole calls (test/cases/calls/<locale>.yaml and calls/holdout/<locale>.yaml):
// loading and validation, scoring each call, and agreement with the labelled process steps per
// scenario: which steps the call covered (as a set and in order), on which turn each was taken,
// and the conduct faults, with every miss.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { ScoreReport, Transcript } from '../../server/scoring/types.ts';
import { binaryStats, emptyConfusion, tally, type BinaryStats, type Confusion } from './metrics.ts';
import { CONTRACT_PROCESSES, type CallScenario } from './contractIds.ts';
import { engineScenario, repoRoot, type Locale, type Rubric } from './ownCases.ts';

export { CONTRACT_PROCESSES };
/** Whole calls have a development and a held-out set. */
type CallSet = 'development' | 'holdout';

const CALL_SCENARIOS = Object.keys(CONTRACT_PROCESSES) as CallScenario[];
const WHOLE_CALL_STEPS: ReadonlySet<string> = new Set(['no_disclosure']);

/** A step's signal id on the turn that takes it: `<scenario>.<step>`. */
export const stepSignal = (scenario: CallScenario, step: string): string => `${scenario}.${step}`;

const text = z.string().trim().min(1);
const signalId = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'a signal id looks like "family.name"');

const callTurn = z.union([
  z.strictObject({ customer: text }),
  z.strictObject({ trainee: text, steps: z.array(z.string()).default([]), conduct: z.array(signalId).default([]) }),
]);

const callSchema = z
  .strictObject({
    id: text,
    scenario: z.enum(CALL_SCENARIOS),
    summary: z.string().optional(),
    turns: z.array(callTurn).min(2),
    expected: z.strictObject({ covered: z.array(z.string()), in_order: z.boolean(), conduct: z.array(signalId).default([]) }),
    note: z.string().optional(),
  })
  .superRefine((call, ctx) => {
    const steps: readonly string[] = CONTRACT_PROCESSES[call.scenario];
    const check = (step: string, where: PropertyKey[]) => {
      if (!steps.includes(step)) ctx.addIssue({ code: 'custom', path: where, message: `"${step}" is not a ${call.scenario} step (${steps.join(', ')})` });
    };
    call.turns.forEach((turn, i) => {
      if (!('trainee' in turn)) return;
      turn.steps.forEach((step, j) => {
        check(step, ['turns', i, 'steps', j]);
        if (WHOLE_CALL_STEPS.has(step)) ctx.addIssue({ code: 'custom', path: ['turns', i, 'steps', j], message: `"${step}" belongs to the whole call, not to a turn` });
      });
    });
    call.expected.covered.forEach((step, j) => check(step, ['expected', 'covered', j]));
  });

export interface LabelledCall {
  id: string;
  locale: Locale;
  file: string;
  scenario: CallScenario;
  transcript: Transcript;
  /** Per trainee turn, by input index: the steps it takes. */
  turnSteps: Map<number, string[]>;
  covered: string[];
  inOrder: boolean;
  conduct: string[];
}

export function callFile(locale: Locale, set: CallSet = 'development'): string {
  return set === 'holdout'
    ? path.join(repoRoot, 'test', 'cases', 'calls', 'holdout', `${locale}.yaml`)
    : path.join(repoRoot, 'test', 'cases', 'calls', `${locale}.yaml`);
}

/** Reads and validates one locale's calls; throws naming the file, the call and the field. */
export function loadCalls(locale: Locale, file: string = callFile(locale)): LabelledCall[] {
  const shownFile = path.relative(repoRoot, file) || file;
  if (!existsSync(file)) throw new Error(`${shownFile}: file not found`);
  return parseCalls(locale, readFileSync(file, 'utf8'), shownFile);
}

/** Validates calls written as YAML; `shownFile` names them in messages. */
export function parseCalls(locale: Locale, yaml: string, shownFile: string): LabelledCall[] {
  const raw: unknown = parseYaml(yaml);
  if (!Array.isArray(raw)) throw new Error(`${shownFile}: expected a list of calls at the top level`);
  const seen = new Set<string>();
  return raw.map((entry: unknown, position) => {
    const parsed = callSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${shownFile}, call #${position + 1}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const call = parsed.data;
    if (seen.has(call.id)) throw new Error(`${shownFile}, call ${call.id}: duplicate id`);
    seen.add(call.id);
    const turnSteps = new Map<number, string[]>();
    const turns = call.turns.map((turn, index) => {
      if ('customer' in turn) return { role: 'customer' as const, text: turn.customer };
      turnSteps.set(index, turn.steps);
      return { role: 'trainee' as const, text: turn.trainee };
    });
    const scenario = engineScenario(call.scenario);
    const transcript: Transcript = { locale, ...(scenario ? { scenario } : {}), turns };
    return { id: call.id, locale, file: shownFile, scenario: call.scenario, transcript, turnSteps, covered: call.expected.covered, inOrder: call.expected.in_order, conduct: call.expected.conduct };
  });
}

/** The steps the engine saw, in the order first taken: the report's process when it has one, else its step signals. */
function engineCovered(call: LabelledCall, report: ScoreReport): string[] {
  const process = (report.summary as { process?: { covered?: unknown } }).process;
  if (process && Array.isArray(process.covered)) return process.covered.filter((s): s is string => typeof s === 'string');
  const covered: string[] = [];
  for (const turn of report.turns) for (const step of engineTurnSteps(call, turn.signals)) if (!covered.includes(step)) covered.push(step);
  return covered;
}

function engineTurnSteps(call: LabelledCall, signals: readonly string[]): string[] {
  return CONTRACT_PROCESSES[call.scenario].filter((step) => signals.includes(stepSignal(call.scenario, step)));
}

function inContractOrder(scenario: CallScenario, covered: readonly string[]): boolean {
  const order: readonly string[] = CONTRACT_PROCESSES[scenario];
  const positions = covered.filter((s) => !WHOLE_CALL_STEPS.has(s)).map((s) => order.indexOf(s));
  return positions.every((p, i) => i === 0 || p > positions[i - 1]!);
}

export interface CallMiss {
  locale: Locale;
  callId: string;
  scenario: CallScenario;
  what: string;
}

export interface ScenarioRow {
  scenario: CallScenario;
  locale: Locale;
  calls: number;
  /** Calls whose covered steps, in order, equal the labels. */
  exactCalls: number;
  /** Covered steps, counted per call and step. */
  steps: BinaryStats;
  /** Steps on the right turn, counted per trainee turn and step. */
  turnSteps: BinaryStats;
  /** Calls where in_order agrees with the labels. */
  orderAgreed: number;
  /** Conduct faults, per call and signal. */
  conduct: BinaryStats;
}

export interface CallMeasurement {
  rows: ScenarioRow[];
  misses: CallMiss[];
}

/** Scores every call and compares the engine's steps and conduct with the labels. */
export function measureCalls(rubric: Rubric, calls: readonly LabelledCall[]): CallMeasurement {
  const misses: CallMiss[] = [];
  const rows = new Map<string, { row: Omit<ScenarioRow, 'steps' | 'turnSteps' | 'conduct'>; steps: Confusion; turnSteps: Confusion; conduct: Confusion }>();
  for (const call of calls) {
    const key = `${call.scenario}/${call.locale}`;
    let acc = rows.get(key);
    if (!acc) {
      acc = { row: { scenario: call.scenario, locale: call.locale, calls: 0, exactCalls: 0, orderAgreed: 0 }, steps: emptyConfusion(), turnSteps: emptyConfusion(), conduct: emptyConfusion() };
      rows.set(key, acc);
    }
    const report = scoreTranscript(rubric, call.transcript);
    const covered = engineCovered(call, report);
    const miss = (what: string) => misses.push({ locale: call.locale, callId: call.id, scenario: call.scenario, what });
    acc.row.calls++;
    if (covered.join(' ') === call.covered.join(' ')) acc.row.exactCalls++;
    else miss(`covered ${covered.join(' → ') || '(none)'}; labelled ${call.covered.join(' → ') || '(none)'}`);
    if (inContractOrder(call.scenario, covered) === call.inOrder) acc.row.orderAgreed++;
    for (const step of CONTRACT_PROCESSES[call.scenario]) acc.steps = tally(acc.steps, call.covered.includes(step), covered.includes(step));
    for (const turn of report.turns) {
      const gold = call.turnSteps.get(turn.index) ?? [];
      const found = engineTurnSteps(call, turn.signals);
      for (const step of CONTRACT_PROCESSES[call.scenario]) {
        if (WHOLE_CALL_STEPS.has(step)) continue;
        acc.turnSteps = tally(acc.turnSteps, gold.includes(step), found.includes(step));
      }
    }
    const raised = new Set(report.turns.flatMap((t) => t.signals.filter((s) => s.startsWith('conduct.'))));
    const conductIds = new Set([...raised, ...call.conduct]);
    for (const signal of conductIds) {
      const expected = call.conduct.includes(signal);
      acc.conduct = tally(acc.conduct, expected, raised.has(signal));
      if (expected !== raised.has(signal)) miss(`${signal}: ${expected ? 'labelled, not found' : 'found, not labelled'}`);
    }
  }
  return {
    rows: [...rows.values()].map(({ row, steps, turnSteps, conduct }) => ({ ...row, steps: binaryStats(steps), turnSteps: binaryStats(turnSteps), conduct: binaryStats(conduct) })),
    misses,
  };
}
