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

function detect(rubric: CompiledRubric, reply: ReplyContext, only?: (signal: CompiledSignal) => boolean): Map<CompiledSignal, Hit[]> {
  const hitsBySignal = new Map<CompiledSignal, Hit[]>();
  const add = (signal: CompiledSignal, hits: Hit[]): void => {
    if (hits.length === 0) return;
    hitsBySignal.set(signal, [...(hitsBySignal.get(signal) ?? []), ...hits]);
  };
  for (const signal of rubric.signals) {
    // A step signal belongs to its scenario's process: in another scenario's call it never fires.
    if (!firesIn(signal, reply.scenario) || (only && !only(signal))) continue;
    const hits = signal.detectors.flatMap((d) => d(reply));
    add(signal, hits);
    for (const other of signal.also) {
      const linked = rubric.signals.find((s) => s.id === other);
      if (linked && firesIn(linked, reply.scenario)) add(linked, hits);
    }
  }
  return hitsBySignal;
}

/** The process steps a reply takes, by its step signals alone: what later replies are hinted from. */
export function stepsTaken(rubric: CompiledRubric, reply: ReplyContext): string[] {
  return [...detect(rubric, reply, (s) => s.step !== undefined).keys()].flatMap((s) => (s.step ? [s.step] : []));
}

/**
 * `stepsBefore` are the steps of the call's process earlier replies took: the process hint
 * names the next step not yet taken, never one already done.
 */
export function scoreReply(rubric: CompiledRubric, reply: ReplyContext, index: number, stepsBefore: ReadonlySet<string> = new Set()): TurnScore {
  const found = detect(rubric, reply);
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
    const candidates = rubric.signals.filter((s) => s.criterion === id && firesIn(s, reply.scenario) && !(s.step && stepsBefore.has(s.step)));
    criteria[id] = {
      score: Math.max(0, Math.min(100, config.base + points)),
      evidence: mine.flatMap((f) => f.evidence).sort((a, b) => a.start - b.start),
      feedback: config.session === 'steps' && !hasProcess ? '' : criterionFeedback(config, candidates, mine, reply.locale),
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
  };
}
