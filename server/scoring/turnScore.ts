/**
 * Scores one trainee reply: runs every signal's detectors, turns hits into evidence that
 * slices the original text, and gives each criterion its score and feedback.
 */
import type { ReplyContext } from './context.ts';
import type { Hit } from './detectors/definition.ts';
import { criterionFeedback, type FiredSignal } from './feedback.ts';
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

function detect(rubric: CompiledRubric, reply: ReplyContext): Map<CompiledSignal, Hit[]> {
  const hitsBySignal = new Map<CompiledSignal, Hit[]>();
  const add = (signal: CompiledSignal, hits: Hit[]): void => {
    if (hits.length === 0) return;
    hitsBySignal.set(signal, [...(hitsBySignal.get(signal) ?? []), ...hits]);
  };
  for (const signal of rubric.signals) {
    const hits = signal.detectors.flatMap((d) => d(reply));
    add(signal, hits);
    for (const other of signal.also) {
      const linked = rubric.signals.find((s) => s.id === other);
      if (linked) add(linked, hits);
    }
  }
  return hitsBySignal;
}

export function scoreReply(rubric: CompiledRubric, reply: ReplyContext, index: number): TurnScore {
  const found = detect(rubric, reply);
  const moment = classifyMoment(reply.customer, reply.answering, reply.lang, rubric.moments[reply.lang]);
  // Rubric order, so signal lists read the same way in every report.
  const fired: FiredSignal[] = rubric.signals
    .filter((s) => found.has(s))
    .map((signal) => ({ signal, evidence: mergeHits(found.get(signal)!).map((h) => toEvidence(reply, signal.id, h)) }));
  const criteria = {} as Record<CriterionId, CriterionScore>;
  for (const id of CRITERIA) {
    const config = rubric.criteria[id];
    const mine = fired.filter((f) => f.signal.criterion === id);
    const points = mine.reduce((sum, f) => sum + f.signal.points, 0);
    const own = rubric.signals.filter((s) => s.criterion === id);
    const expected = (s: CompiledSignal | null): boolean =>
      s ? calledFor(rubric.expectations, moment, s.id, id) : criterionCalledFor(rubric.expectations, moment, id, own);
    criteria[id] = {
      score: Math.max(0, Math.min(100, config.base + points)),
      evidence: mine.flatMap((f) => f.evidence).sort((a, b) => a.start - b.start),
      feedback: criterionFeedback(config, own, mine, reply.locale, expected),
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
