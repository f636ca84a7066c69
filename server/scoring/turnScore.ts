/**
 * Scores one trainee reply: runs every signal's detectors, turns hits into evidence that
 * slices the original text, and gives each criterion its score and feedback.
 */
import type { ReplyContext } from './context.ts';
import type { Hit } from './detectors/definition.ts';
import { criterionFeedback, type FiredSignal } from './feedback.ts';
import { firesIn, scoredProcess } from './process.ts';
import type { CompiledRubric, CompiledSignal } from './rubric/compile.ts';
import type { SignalTag } from './rubric/schema.ts';
import { toOriginalSpan } from '../text/normalize.ts';
import { calledFor, classifyMoment, criterionCalledFor } from './moments.ts';
import { CRITERIA, type CriterionId, type CriterionScore, type Evidence, type TurnScore } from './types.ts';

/** Overlapping hits become one span; touching ones stay apart (two questions back to back are two). */
function mergeHits(hits: Hit[]): Hit[] {
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

function detect(rubric: CompiledRubric, reply: ReplyContext, only?: (signal: CompiledSignal) => boolean): Detected {
  const hitsBySignal = new Map<CompiledSignal, Hit[]>();
  const byStepSignals = new Set<CompiledSignal>();
  const add = (signal: CompiledSignal, hits: Hit[], fromStep: boolean): void => {
    if (hits.length === 0) return;
    const before = hitsBySignal.get(signal);
    hitsBySignal.set(signal, before ? [...before, ...hits] : [...hits]);
    if (fromStep) byStepSignals.add(signal);
  };
  for (const signal of rubric.signals) {
    // A step signal belongs to its scenario's process: in another scenario's call it never fires.
    if (!firesIn(signal, reply.scenario) || (only && !only(signal))) continue;
    if ((signal.onlyAfter && !signal.onlyAfter(reply)) || signal.unlessAfter?.(reply)) continue;
    const hits = signal.detectors.length === 1 ? signal.detectors[0]!(reply) : signal.detectors.flatMap((d) => d(reply));
    const fromStep = signal.step !== undefined;
    add(signal, hits, fromStep);
    for (const other of signal.also) {
      const linked = signalById(rubric, other);
      if (linked && firesIn(linked, reply.scenario)) add(linked, hits, fromStep);
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
  const fired: FiredSignal[] = rubric.signals
    .filter((s) => found.has(s))
    .map((signal) => ({ signal, evidence: mergeHits(found.get(signal)!).map((h) => toEvidence(reply, signal.id, h)) }));
  const criteria = {} as Record<CriterionId, CriterionScore>;
  const hasProcess = scoredProcess(rubric, reply.scenario) !== undefined;
  for (const id of CRITERIA) {
    const config = rubric.criteria[id];
    const mine = fired.filter((f) => f.signal.criterion === id);
    const points = mine.reduce((sum, f) => sum + f.signal.points, 0);
    // Hints come only from signals that can fire in this call; a call with no process gets no process feedback.
    const candidates = signalsOf(rubric, id).filter((s) => firesIn(s, reply.scenario) && !(s.step && stepsBefore.has(s.step)));
    // And only for what the customer's moment called for (moments.ts).
    const expected = (s: CompiledSignal | null): boolean =>
      s ? calledFor(rubric.expectations, moment, s.id, id) : criterionCalledFor(rubric.expectations, moment, id, candidates);
    criteria[id] = {
      score: Math.max(0, Math.min(100, config.base + points)),
      evidence: mine.flatMap((f) => f.evidence).sort((a, b) => a.start - b.start),
      feedback: config.session === 'steps' && !hasProcess ? '' : criterionFeedback(config, candidates, mine, reply.locale, expected),
    };
  }
  const count = (tag: SignalTag): number => fired.filter((f) => f.signal.tags.includes(tag)).reduce((n, f) => n + f.evidence.length, 0);
  return {
    index,
    role: 'trainee',
    signals: fired.map((f) => f.signal.id),
    criteria,
    listening: {
      reflections: count('reflection'),
      open_questions: count('open_question'),
      closed_questions: count('closed_question'),
    },
    moment,
  };
}
