/**
 * One turn of a simulated customer, pure: given the trainee's reply, scored once by the
 * caller (its TurnScore and what the rubric reads in it), the mood moves, the customer
 * follows the steps of the call's own process the trainee takes (a collection call's
 * verify → purpose → reason → options → plan → confirm), and keeps count of the whole-call
 * steps a reply breaks (a disclosure to a third party), facts are revealed to the right questions,
 * and the conversation may end. The result is the situation the customer now answers, which
 * a customer voice (voice/customerVoice.ts) puts into words. Needs no rubric: the scoring
 * side reads the turn (server/scoring/turnReading.ts).
 */
import { compilePhrases, type PhraseMatcher } from '../text/phraseMatcher.ts';
import { normalize } from '../text/normalize.ts';
import { langOf, type ScoredTurn, type Turn, type TurnScore } from '../scoring/types.ts';
import type { CustomerState, Outcome } from '../domain/customerState.ts';
import { ending } from './endings.ts';
import { escalationOf, temperOf } from './difficulty.ts';
import { nextMood, trend, type Trend } from './moodModel.ts';
import type { Mood } from '../domain/mood.ts';
import type { PersonaFile } from './schema.ts';

export interface Situation {
  /** The trainee's reply as the rubric scored it. */
  score: TurnScore;
  before: Mood;
  mood: Mood;
  trend: Trend;
  /** What the customer reacts to first, worst first. */
  reaction: 'misconduct' | 'dismissive' | null;
  /** The rubric's English labels of the signals behind `reaction` ("threat"), for the LLM's prompt. */
  reactionTo: string[];
  /** A jargon term the customer will ask about, as the trainee wrote it. */
  jargonTerm: string | null;
  /** A fact revealed by this reply, with what the customer says of it. */
  reveal: { fact: string; say: string[] } | null;
  /** The step of the call's process the trainee just took the customer to. */
  newStep: string | null;
  outcome: Outcome | null;
}

export interface StepResult {
  state: CustomerState;
  situation: Situation;
}

/** The customer's step after a trainee reply, before any words are chosen; `turns` end with the reply. */
export interface Step extends StepResult {
  turns: Turn[];
}

// Each reveal's words, compiled once per loaded persona.
const aboutMatchers = new WeakMap<PersonaFile['reveals'][number], PhraseMatcher>();

function findReveal(persona: PersonaFile, state: CustomerState, trust: number, { score, reading }: ScoredTurn, replyText: string): Situation['reveal'] {
  const norm = normalize(replyText).norm;
  for (const r of persona.reveals) {
    if (state.revealed.includes(r.fact)) continue;
    // Without its own signals, a fact waits for an open question.
    const earned = r.when_signals ? score.signals.some((s) => r.when_signals!.includes(s)) : reading.openQuestion;
    if (!earned) continue;
    // A harder customer keeps every fact back until they trust the trainee enough (difficulty.ts).
    if (trust < temperOf(persona).reveal_trust_at_least) return null;
    let about = aboutMatchers.get(r);
    if (!about) {
      about = compilePhrases(r.about, langOf(persona.locale));
      aboutMatchers.set(r, about);
    }
    if (r.about.length > 0 && !about.test(norm)) continue;
    return { fact: r.fact, say: r.say };
  }
  return null;
}

/** The whole-call steps after a reply: a kept one stays kept until a reply breaks it, for good. */
function wholeCallAfter(before: CustomerState['wholeCall'], kept: readonly string[], broken: readonly string[]): CustomerState['wholeCall'] {
  const after = { ...before };
  for (const step of kept) if (after[step] !== 'broken') after[step] = 'kept';
  for (const step of broken) after[step] = 'broken';
  return after;
}

/** Advances the customer by the trainee's reply, scored and read once by the caller. */
export function customerStep(persona: PersonaFile, state: CustomerState, reply: string, scored: ScoredTurn): StepResult {
  const { score, reading } = scored;
  const mood = nextMood(persona, state.mood, score.signals, state.heard);
  const heard = { ...state.heard };
  for (const s of new Set(score.signals)) heard[s] = (heard[s] ?? 0) + 1;
  // The reading lists the turn's steps in the process's order; the furthest new one is the customer's move.
  const taken = reading.steps.filter((s) => !state.steps.includes(s));
  const newStep = taken[taken.length - 1] ?? null;
  // Keep the order the trainee took them in: earlier ones first, then this turn's.
  const ordered = [...state.steps, ...taken];
  const reaction: Situation['reaction'] = reading.misconduct.length > 0
    ? 'misconduct'
    : reading.dismissive.length > 0
      ? 'dismissive'
      : null;
  // A customer who has just been threatened or brushed off gives nothing away.
  const reveal = reaction ? null : findReveal(persona, state, mood.trust, scored, reply);
  const hot = mood.anger >= escalationOf(persona).anger_at_least;
  const giveUpAt = persona.end.abandon.confusion_at_least;
  const lost = giveUpAt !== undefined && mood.confusion >= giveUpAt;
  const next: CustomerState = {
    ...state,
    mood,
    steps: ordered,
    wholeCall: wholeCallAfter(state.wholeCall, reading.kept, reading.broken),
    revealed: reveal ? [...state.revealed, reveal.fact] : state.revealed,
    heard,
    hotTurns: hot ? state.hotTurns + 1 : 0,
    lostTurns: lost ? state.lostTurns + 1 : 0,
    traineeTurns: state.traineeTurns + 1,
  };
  next.outcome = ending(persona, next);
  return {
    state: next,
    situation: {
      score,
      before: state.mood,
      mood,
      trend: trend(state.mood, mood),
      reaction,
      reactionTo: (reaction === 'misconduct' ? reading.misconduct : reaction === 'dismissive' ? reading.dismissive : []).map((id) => reading.labels[id] ?? id),
      jargonTerm: reading.jargonTerm,
      reveal,
      newStep,
      outcome: next.outcome,
    },
  };
}
