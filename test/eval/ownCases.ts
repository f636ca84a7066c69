// Our own labelled cases (test/cases/<locale>.yaml): loading and validation, turning a case
// into a transcript, scoring it, and per-signal agreement with the labels plus every miss.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { Scenario, SIGNAL_IDS, type Locale, type Transcript } from '../../server/scoring/types.ts';
import { ProductSheet } from '../../server/scoring/productSheet.ts';
import { CONTRACT_SCENARIOS, CONTRACT_SIGNALS, measuredIn, type CallScenario, type ContractSignal } from './contractIds.ts';
import { binaryStats, perLabelConfusion, type BinaryStats } from './metrics.ts';

/** The locales with a case file, in report order. */
export const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant'];
export type { Locale };

/** Whatever the engine takes as a compiled rubric, so this file follows the engine's own type. */
export type Rubric = Parameters<typeof scoreTranscript>[0];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LabelledCase {
  id: string;
  locale: Locale;
  /** File the case came from, relative to the repository root, for messages. */
  file: string;
  scenario?: CallScenario;
  /** Earlier customer turns in order; the last one is what the reply answers. */
  customer: string[];
  reply: string;
  /** The complete set of signals a coach marks in the reply. */
  signals: ContractSignal[];
  note?: string;
  /** The product sheet the reply's figures are checked against, as a persona carries it. */
  product?: ProductSheet;
}

export interface Miss {
  locale: Locale;
  caseId: string;
  signal: ContractSignal;
  kind: 'false positive' | 'false negative';
  reply: string;
  expected: ContractSignal[];
  detected: ContractSignal[];
  note?: string;
}

export interface SignalRow extends BinaryStats {
  signal: ContractSignal;
}

export interface CaseMeasurement {
  locale: Locale | 'mixed';
  cases: number;
  /** One row per contract signal, in contract order. */
  signals: SignalRow[];
  misses: Miss[];
}

const knownSignals: ReadonlySet<string> = new Set<string>(CONTRACT_SIGNALS);

const signalSchema = z
  .string()
  .refine((s) => knownSignals.has(s), { error: (issue) => `unknown signal id "${String(issue.input)}"` })
  .transform((s) => s as ContractSignal);

const nonEmptyText = z.string().trim().min(1);

const caseSchema = z.object({
  id: z.union([nonEmptyText, z.number()]).transform(String),
  scenario: z.enum(CONTRACT_SCENARIOS).optional(),
  // Optional because an outbound collection call can open with the trainee speaking first.
  customer: z
    .union([nonEmptyText, z.array(nonEmptyText)])
    .optional()
    .transform((c) => (c === undefined ? [] : typeof c === 'string' ? [c] : c)),
  reply: nonEmptyText,
  signals: z.array(signalSchema),
  note: z.string().optional(),
  /** How the reply is written (formal, casual, phone, mixed, regional): the styles set says. */
  style: z.enum(['formal', 'casual', 'phone', 'mixed', 'regional']).optional(),
  product: ProductSheet.optional(),
});

/**
 * `development` cases tune the word lists; `holdout` cases were written after round 1's tuning
 * and never tuned on; `blind` cases were written for round 2 by a writer who had read neither
 * the rubric nor the engine, frozen before any round-2 tuning, and are never tuned on.
 */
export type CaseSet = 'development' | 'styles' | 'holdout' | 'blind';

/**
 * The signals each set's writers labelled. `styles` is development data too (1,500 replies in
 * five styles per language, written from the definitions for tuning and training).
 */
export const LABELLED_SIGNALS: Record<CaseSet, readonly ContractSignal[]> = {
  development: CONTRACT_SIGNALS,
  styles: [...SIGNAL_IDS, 'conduct.credential_request'],
  holdout: SIGNAL_IDS,
  blind: [...SIGNAL_IDS, 'conduct.credential_request'],
};

export function caseFile(locale: Locale, set: CaseSet = 'development'): string {
  return set === 'development' ? path.join(repoRoot, 'test', 'cases', `${locale}.yaml`) : path.join(repoRoot, 'test', 'cases', set, `${locale}.yaml`);
}

/** Reads and validates one locale's cases; throws naming the file and the case on any problem. */
export function loadCases(locale: Locale, file: string = caseFile(locale)): LabelledCase[] {
  const shownFile = path.relative(repoRoot, file) || file;
  if (!existsSync(file)) throw new Error(`${shownFile}: file not found`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shownFile}: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new Error(`${shownFile}: expected a list of cases at the top level`);

  const seen = new Set<string>();
  return raw.map((entry: unknown, position) => {
    const parsed = caseSchema.safeParse(entry);
    const id = caseIdOf(entry) ?? `#${position + 1}`;
    if (!parsed.success) {
      throw new Error(`${shownFile}, case ${id}: ${describeIssues(parsed.error.issues)}`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`${shownFile}, case ${id}: duplicate id`);
    seen.add(parsed.data.id);
    const { scenario, note, product, ...rest } = parsed.data;
    return {
      ...rest,
      signals: [...new Set(rest.signals)],
      locale,
      file: shownFile,
      ...(scenario === undefined ? {} : { scenario }),
      ...(note === undefined ? {} : { note }),
      ...(product === undefined ? {} : { product }),
    };
  });
}

/** Zod issues as "field: problem" pairs on one line, e.g. `signals[2]: unknown signal id "x"`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
      return `${where || 'case'}: ${issue.message}`;
    })
    .join('; ');
}

function caseIdOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return undefined;
  const id = (entry as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Customer turns in order, then the reply as the one trainee turn. */
export function replyTranscript(
  locale: Locale,
  customer: readonly string[],
  reply: string,
  scenario?: CallScenario,
  product?: ProductSheet,
): Transcript {
  const known = engineScenario(scenario);
  return {
    locale,
    ...(product === undefined ? {} : { product }),
    ...(known === undefined ? {} : { scenario: known }),
    turns: [...customer.map((text) => ({ role: 'customer' as const, text })), { role: 'trainee' as const, text: reply }],
  };
}

/** The signals the engine raises on a reply that follows the given customer turns. */
export function replySignals(
  rubric: Rubric,
  locale: Locale,
  customer: readonly string[],
  reply: string,
  scenario?: CallScenario,
  product?: ProductSheet,
): Set<string> {
  const transcript = replyTranscript(locale, customer, reply, scenario, product);
  const replyIndex = transcript.turns.length - 1;
  const report = scoreTranscript(rubric, transcript);
  const turn = report.turns.find((t) => t.index === replyIndex);
  if (!turn) throw new Error(`the score report has no entry for the trainee turn at index ${replyIndex}`);
  return new Set<string>(turn.signals);
}

/** The scenario as the engine takes it: one it does not know yet is scored without a scenario. */
export function engineScenario(scenario: CallScenario | undefined): Scenario | undefined {
  const known = Scenario.safeParse(scenario);
  return known.success ? known.data : undefined;
}

/**
 * Scores every case and compares the engine's signals with the labels, signal by signal.
 * `measured` is the signals the set's writers labelled: a signal added after a set was
 * written is not counted against it (its correct detections would read as false positives).
 */
export function measureCases(rubric: Rubric, cases: readonly LabelledCase[], measured: readonly ContractSignal[] = CONTRACT_SIGNALS): CaseMeasurement {
  const raisedPerCase = cases.map((c) => {
    try {
      return replySignals(rubric, c.locale, c.customer, c.reply, c.scenario, c.product);
    } catch (error) {
      throw new Error(`${c.file}, case ${c.id}: scoring failed: ${(error as Error).message}`, { cause: error });
    }
  });
  return compareSignals(cases, raisedPerCase, measured);
}

/**
 * The labels against what was raised for each case, signal by signal, with every miss.
 * Signals outside those measured (the engine may grow) are not counted.
 */
export function compareSignals(cases: readonly LabelledCase[], raisedPerCase: readonly ReadonlySet<string>[], measured: readonly ContractSignal[]): CaseMeasurement {
  const gold: Set<ContractSignal>[] = [];
  const predicted: Set<ContractSignal>[] = [];
  const misses: Miss[] = [];
  cases.forEach((c, i) => {
    const raised = raisedPerCase[i]!;
    const detected = measured.filter((s) => raised.has(s));
    const expected = new Set(c.signals.filter((s) => measuredIn(s, c.scenario)));
    gold.push(expected);
    predicted.push(new Set(detected));
    for (const signal of measured) {
      const isExpected = expected.has(signal);
      if (isExpected === raised.has(signal)) continue;
      misses.push({
        locale: c.locale,
        caseId: c.id,
        signal,
        kind: isExpected ? 'false negative' : 'false positive',
        reply: c.reply,
        expected: c.signals,
        detected,
        ...(c.note === undefined ? {} : { note: c.note }),
      });
    }
  });
  const byLabel = perLabelConfusion(gold, predicted, measured);
  const locales = new Set(cases.map((c) => c.locale));
  return {
    locale: locales.size === 1 ? [...locales][0]! : 'mixed',
    cases: cases.length,
    signals: measured.map((signal) => ({ signal, ...binaryStats(byLabel.get(signal)!) })),
    misses,
  };
}

/** Misses of one signal, one line each, for test failure messages and reports. */
export function describeMisses(misses: readonly Miss[]): string {
  return misses
    .map((m) => `  ${m.caseId} ${m.kind === 'false positive' ? 'FP' : 'FN'} ${m.signal}: ${JSON.stringify(m.reply)} (detected: ${m.detected.join(', ') || 'none'})`)
    .join('\n');
}
