/**
 * Scores one trainee reply: runs every signal's detectors, turns hits into evidence that
 * slices the original text, and gives each criterion its score and feedback.
 */
import type { ReplyContext } from './context.ts';
import type { Hit } from './detectors/definition.ts';
import { criterionFeedback, type FiredSignal } from './feedback.ts';
import { firesIn, scoredProcess } from './process.ts';
import type { CompiledRubric, CompiledSignal } from './rubric/compile.ts';
import { toOriginalSpan } from '../text/normalize.ts';
import { calledFor, classifyMoment, criterionCalledFor } from './moments.ts';
import { CRITERIA, type CriterionId, type CriterionScore, type Evidence, type TurnScore } from './types.ts';

/** Overlapping hits become one span; touching ones stay apart (two questions back to back are two). */
function mergeHits(hits: Hit[]): Hit[] {
  // Most signals have one hit: nothing to merge, and the hit is only read from here on.
  if (hits.length === 1) return hits;
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end && last.suggestion === h.suggestion) last.end = Math.max(last.end, h.end);
    else out.push({ ...h });
  }
  return out;
}

function toEvidence(reply: ReplyContext, signal: string, hit: Hit): Evidence {
  const [s, e] = toOriginalSpan(reply.text, hit.start, hit.end);
  const evidence: Evidence = { start: s, end: e, text: reply.text.original.slice(s, e), signal };
  if (hit.suggestion) evidence.suggestion = hit.suggestion;
  return evidence;
}

interface Detected {
  /** Every signal's hits, in the order signals first fired. */
  found: Map<CompiledSignal, Hit[]>;
  /**
   * The signals fired by step signals alone (their own hits and the signals they link with
   * `also`), in the same order: what `stepsTaken` reads, from the same detector run.
   */
  byStepSignals: Set<CompiledSignal>;
}

/** Each rubric's signals by id, built on first use: `also` links are followed on every reply. */
const signalsById = new WeakMap<CompiledRubric, Map<string, CompiledSignal>>();

function signalById(rubric: CompiledRubric, id: string): CompiledSignal | undefined {
  let index = signalsById.get(rubric);
  if (!index) {
    index = new Map();
    // The first signal with an id wins, as Array.find would pick it.
    for (const s of rubric.signals) if (!index.has(s.id)) index.set(s.id, s);
    signalsById.set(rubric, index);
  }
  return index.get(id);
}

/** Each rubric's signals by criterion, in rubric order, built on first use. */
const signalsByCriterion = new WeakMap<CompiledRubric, Map<CriterionId, CompiledSignal[]>>();

function signalsOf(rubric: CompiledRubric, criterion: CriterionId): CompiledSignal[] {
  let index = signalsByCriterion.get(rubric);
  if (!index) {
    index = new Map(CRITERIA.map((id) => [id, rubric.signals.filter((s) => s.criterion === id)]));
    signalsByCriterion.set(rubric, index);
  }
  return index.get(criterion) ?? [];
}

/**
 * A signal's hits join those it already has. The detector's own array is kept rather than
 * copied: hits are only read after detection (mergeHits copies before it changes any).
 */
function addHits(found: Map<CompiledSignal, Hit[]>, signal: CompiledSignal, hits: Hit[]): void {
  const before = found.get(signal);
  found.set(signal, before ? before.concat(hits) : hits);
}

/** A signal's detectors in a plain loop: this runs for every signal of every reply. */
function signalHits(signal: CompiledSignal, reply: ReplyContext): Hit[] {
  const { detectors } = signal;
  if (detectors.length === 1) return detectors[0]!(reply);
  const hits: Hit[] = [];
  for (const d of detectors) for (const h of d(reply)) hits.push(h);
  return hits;
}

function detect(rubric: CompiledRubric, reply: ReplyContext, only?: (signal: CompiledSignal) => boolean): Detected {
  const hitsBySignal = new Map<CompiledSignal, Hit[]>();
  const byStepSignals = new Set<CompiledSignal>();
  for (const signal of rubric.signals) {
    // A step signal belongs to its scenario's process: in another scenario's call it never fires.
    if (!firesIn(signal, reply.scenario) || (only && !only(signal))) continue;
    if ((signal.onlyAfter && !signal.onlyAfter(reply)) || signal.unlessAfter?.(reply)) continue;
    const hits = signalHits(signal, reply);
    if (hits.length === 0) continue;
    const fromStep = signal.step !== undefined;
    addHits(hitsBySignal, signal, hits);
    if (fromStep) byStepSignals.add(signal);
    for (const other of signal.also) {
      const linked = signalById(rubric, other);
      if (linked && firesIn(linked, reply.scenario)) {
        addHits(hitsBySignal, linked, hits);
        if (fromStep) byStepSignals.add(linked);
      }
    }
  }
  return { found: hitsBySignal, byStepSignals };
}

function stepsOf(signals: Iterable<CompiledSignal>): string[] {
  return [...signals].flatMap((s) => (s.step ? [s.step] : []));
}

/** The process steps a reply takes, by its step signals alone: what later replies are hinted from. */
export function stepsTaken(rubric: CompiledRubric, reply: ReplyContext): string[] {
  return stepsOf(detect(rubric, reply, (s) => s.step !== undefined).byStepSignals);
}

/**
 * `stepsBefore` are the steps of the call's process earlier replies took: the process hint
 * names the next step not yet taken, never one already done.
 */
export function scoreReply(rubric: CompiledRubric, reply: ReplyContext, index: number, stepsBefore: ReadonlySet<string> = new Set()): TurnScore {
  return scoreReplyAndSteps(rubric, reply, index, stepsBefore).score;
}

/** `scoreReply` and `stepsTaken` of the same reply from one detector run: a whole transcript needs both. */
export function scoreReplyAndSteps(
  rubric: CompiledRubric,
  reply: ReplyContext,
  index: number,
  stepsBefore: ReadonlySet<string> = new Set(),
): { score: TurnScore; steps: string[] } {
  const { found, byStepSignals } = detect(rubric, reply);
  return { score: turnScore(rubric, reply, index, stepsBefore, found), steps: stepsOf(byStepSignals) };
}

function turnScore(rubric: CompiledRubric, reply: ReplyContext, index: number, stepsBefore: ReadonlySet<string>, found: Map<CompiledSignal, Hit[]>): TurnScore {
  const moment = classifyMoment(reply.customer, reply.answering, reply.lang, rubric.moments[reply.lang]);
  // Rubric order, so signal lists read the same way in every report.
  const fired: FiredSignal[] = [];
  for (const signal of rubric.signals) {
    const hits = found.get(signal);
    if (hits) fired.push({ signal, evidence: mergeHits(hits).map((h) => toEvidence(reply, signal.id, h)) });
  }
  const criteria = {} as Record<CriterionId, CriterionScore>;
  const hasProcess = scoredProcess(rubric, reply.scenario) !== undefined;
  for (const id of CRITERIA) {
    const config = rubric.criteria[id];
    const mine = fired.filter((f) => f.signal.criterion === id);
    const points = mine.reduce((sum, f) => sum + f.signal.points, 0);
    // Hints come only from signals that can fire in this call; a call with no process gets no process feedback.
    const candidates = signalsOf(rubric, id).filter((s) => firesIn(s, reply.scenario) && !(s.step && stepsBefore.has(s.step)));
    criteria[id] = {
      score: Math.max(0, Math.min(100, config.base + points)),
      evidence: mine.flatMap((f) => f.evidence).sort((a, b) => a.start - b.start),
      feedback:
        config.session === 'steps' && !hasProcess
          ? ''
          : // And only for what the customer's moment called for (moments.ts).
            criterionFeedback(config, candidates, mine, reply.locale, (s) =>
              s ? calledFor(rubric.expectations, moment, s.id, id) : criterionCalledFor(rubric.expectations, moment, id, candidates),
            ),
    };
  }
  return {
    index,
    role: 'trainee',
    signals: fired.map((f) => f.signal.id),
    criteria,
    listening: listeningCounts(fired),
    moment,
  };
}

/** Evidence of the reflection and question signals, counted in one pass over what fired. */
function listeningCounts(fired: readonly FiredSignal[]): TurnScore['listening'] {
  const counts = { reflections: 0, open_questions: 0, closed_questions: 0 };
  for (const { signal, evidence } of fired) {
    if (signal.tags.includes('reflection')) counts.reflections += evidence.length;
    if (signal.tags.includes('open_question')) counts.open_questions += evidence.length;
    if (signal.tags.includes('closed_question')) counts.closed_questions += evidence.length;
  }
  return counts;
}
