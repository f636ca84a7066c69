/**
 * One sentence of feedback per criterion per turn, in the transcript's locale: the worst
 * fault if there is one (with a better phrasing where the rubric knows one), else praise for
 * the strongest thing done, else a hint for what was missing, when the customer's moment
 * called for it (`calledFor`, from server/scoring/moments.ts).
 */
import type { CompiledCriterion, CompiledSignal } from './rubric/compile.ts';
import type { Evidence, Locale } from './types.ts';

export interface FiredSignal {
  signal: CompiledSignal;
  evidence: Evidence[];
}

function fill(template: string, fired: FiredSignal | undefined): string {
  const first = fired?.evidence[0];
  return template
    .replaceAll('{evidence}', first?.text ?? '')
    .replaceAll('{suggestion}', first?.suggestion ?? '');
}

export function criterionFeedback(
  criterion: CompiledCriterion,
  signals: readonly CompiledSignal[],
  fired: readonly FiredSignal[],
  locale: Locale,
  calledFor: (signal: CompiledSignal | null) => boolean = () => true,
): string {
  const worst = fired.filter((f) => f.signal.points < 0).sort((a, b) => a.signal.points - b.signal.points)[0];
  if (worst) return fill(worst.signal.present[locale], worst);
  // On equal points the later signal in the rubric wins: for the complaint steps, the
  // furthest step reached is what the trainee most needs to hear about.
  const rank = (f: FiredSignal): number => signals.indexOf(f.signal);
  const best = [...fired].sort((a, b) => b.signal.points - a.signal.points || rank(b) - rank(a))[0];
  const hint = signals.find((s) => s.points > 0 && s.absent && calledFor(s) && !fired.some((f) => f.signal === s));
  // A signal worth no points (a closed question) is noted, but a hint for the missing
  // positive one helps the trainee more.
  if (best && (best.signal.points > 0 || !hint)) return fill(best.signal.present[locale], best);
  if (hint?.absent) return hint.absent[locale];
  // `null` asks about the criterion as a whole: a moment that called for none of it.
  return (!calledFor(null) && criterion.notCalledFor?.[locale]) || criterion.none[locale];
}
