/**
 * The live hints after a reply: what the engine found in it, as short items the trainee can
 * take in at a glance ("reflection ✓", "jargon: 年化利率 → 一年的利息是多少"), and one tip,
 * the feedback of the criterion the reply did worst on (in the session's language). Each
 * signal's tone is the rubric's (shared/useSignals.ts).
 */
import type { CriterionId, TurnScore } from '../shared/contract.ts';
import type { Tone } from '../shared/signals.ts';

export interface HintItem {
  signal: string;
  tone: Tone;
  /** The words that carried the signal, for what cost points; with the plainer words when known. */
  details: Array<{ text: string; suggestion?: string }>;
}

export interface Hints {
  items: HintItem[];
  /** The worst criterion's feedback, when it fell short. */
  tip: { criterion: CriterionId; text: string } | null;
}

/** Below this a criterion's feedback is worth reading as a tip. */
const TIP_BELOW = 70;

export function hintsFor(score: TurnScore, toneOf: (signal: string) => Tone): Hints {
  const evidence = Object.values(score.criteria).flatMap((c) => c?.evidence ?? []);
  const items = [...new Set(score.signals)].map((signal): HintItem => {
    const tone = toneOf(signal);
    const seen = new Set<string>();
    // Only what cost points is quoted: what worked needs no quote, and a neutral note no attention.
    const details =
      tone !== 'bad'
        ? []
        : evidence
            .filter((e) => e.signal === signal && !seen.has(e.text) && seen.add(e.text))
            .map((e) => (e.suggestion ? { text: e.text, suggestion: e.suggestion } : { text: e.text }));
    return { signal, tone, details };
  });
  // Good news first, then what to fix: the order a coach would say it.
  const rank: Record<Tone, number> = { good: 0, neutral: 1, bad: 2 };
  items.sort((a, b) => rank[a.tone] - rank[b.tone]);

  let tip: Hints['tip'] = null;
  for (const [criterion, result] of Object.entries(score.criteria) as Array<[CriterionId, TurnScore['criteria'][CriterionId]]>) {
    if (!result || result.score >= TIP_BELOW) continue;
    if (!tip || result.score < (score.criteria[tip.criterion]?.score ?? 100)) tip = { criterion, text: result.feedback };
  }
  return { items, tip };
}
