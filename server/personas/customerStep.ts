/**
 * One turn of a simulated customer, pure: given the trainee's reply, scored once by the
 * caller (its TurnScore and what the rubric reads in it), the mood moves, the customer
 * follows the complaint steps the trainee takes, facts are revealed to the right questions,
 * and the conversation may end. The result is the situation the customer now answers, which
 * a customer voice (voice/customerVoice.ts) puts into words. Needs no rubric: the scoring
 * side reads the turn (server/scoring/turnReading.ts).
 */
import { compilePhrases, type PhraseMatcher } from '../text/phraseMatcher.ts';
import { normalize } from '../text/normalize.ts';
import { COMPLAINT_STEPS, langOf, type ComplaintStep, type ScoredTurn, type Turn, type TurnScore } from '../scoring/types.ts';
import type { CustomerState, Outcome } from '../domain/customerState.ts';
import { ending } from './endings.ts';
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
  /** The complaint step the trainee just took the customer to. */
  newStep: ComplaintStep | null;
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

function findReveal(persona: PersonaFile, state: CustomerState, { score, reading }: ScoredTurn, replyText: string): Situation['reveal'] {
  const norm = normalize(replyText).norm;
  for (const r of persona.reveals) {
    if (state.revealed.includes(r.fact)) continue;
    // Without its own signals, a fact waits for an open question.
    const earned = r.when_signals ? reading.reactsTo.some((s) => r.when_signals!.includes(s)) : reading.openQuestion;
    if (!earned) continue;
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

function furthestNewStep(said: ReadonlySet<ComplaintStep>, reached: readonly ComplaintStep[]): ComplaintStep | null {
  const taken = COMPLAINT_STEPS.filter((s) => said.has(s) && !reached.includes(s));
  return taken[taken.length - 1] ?? null;
}

/** Advances the customer by the trainee's reply, scored and read once by the caller. */
export function customerStep(persona: PersonaFile, state: CustomerState, reply: string, scored: ScoredTurn): StepResult {
  const { score, reading } = scored;
  const mood = nextMood(persona, state.mood, reading.reactsTo, state.heard);
  const heard = { ...state.heard };
  for (const s of new Set(reading.reactsTo)) heard[s] = (heard[s] ?? 0) + 1;
  const said = new Set(reading.steps);
  const newStep = furthestNewStep(said, state.steps);
  const steps = COMPLAINT_STEPS.filter((s) => state.steps.includes(s) || said.has(s));
  // Keep the order the trainee took them in: earlier ones first, then this turn's.
  const ordered = [...state.steps, ...steps.filter((s) => !state.steps.includes(s))];
  const reaction: Situation['reaction'] = reading.misconduct.length > 0
    ? 'misconduct'
    : reading.dismissive.length > 0
      ? 'dismissive'
      : null;
  // A customer who has just been threatened or brushed off gives nothing away.
  const reveal = reaction ? null : findReveal(persona, state, scored, reply);
  const hot = mood.anger >= persona.end.escalate.anger_at_least;
  const giveUpAt = persona.end.abandon.confusion_at_least;
  const lost = giveUpAt !== undefined && mood.confusion >= giveUpAt;
  const next: CustomerState = {
    ...state,
    mood,
    steps: ordered,
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
