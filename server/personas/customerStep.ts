/**
 * One turn of a simulated customer, pure: the rubric scores the trainee's reply, the mood
 * moves, the customer follows the complaint steps the trainee takes, facts are revealed to
 * the right questions, and the conversation may end. The result is the situation the
 * customer now answers, which the scripted and the LLM engines each put into words.
 */
import { scoreLatestTurn } from '../scoring/engine.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { compilePhrases, type PhraseMatcher } from '../text/phraseMatcher.ts';
import { normalize } from '../text/normalize.ts';
import { COMPLAINT_STEPS, langOf, type ComplaintStep, type Transcript, type TurnScore } from '../scoring/types.ts';
import type { CustomerState, Outcome } from '../domain/customerState.ts';
import { ending } from './endings.ts';
import { nextMood, trend, type Trend } from './moodModel.ts';
import type { Mood } from '../domain/mood.ts';
import type { PersonaFile } from './schema.ts';

export interface Situation {
  /** The rubric's view of the trainee's reply. */
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

// Each reveal's words, compiled once per loaded persona.
const aboutMatchers = new WeakMap<PersonaFile['reveals'][number], PhraseMatcher>();

function findReveal(persona: PersonaFile, openQuestions: ReadonlySet<string>, state: CustomerState, score: TurnScore, replyText: string): Situation['reveal'] {
  const norm = normalize(replyText).norm;
  for (const r of persona.reveals) {
    if (state.revealed.includes(r.fact)) continue;
    if (!score.signals.some((s) => (r.when_signals ? r.when_signals.includes(s) : openQuestions.has(s)))) continue;
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

/**
 * Advances the customer by the trainee's latest turn (the last turn of `transcript`).
 * The transcript carries the persona's locale and scenario.
 */
export function customerStep(persona: PersonaFile, rubric: CompiledRubric, state: CustomerState, transcript: Transcript): StepResult {
  const score = scoreLatestTurn(rubric, { ...transcript, locale: persona.locale, scenario: persona.scenario });
  const reply = transcript.turns[transcript.turns.length - 1]!.text;
  const mood = nextMood(persona, state.mood, score.signals, state.heard);
  const heard = { ...state.heard };
  for (const s of new Set(score.signals)) heard[s] = (heard[s] ?? 0) + 1;
  // The steps this reply took: those of the signals the rubric gives a step.
  const said = new Set(rubric.signals.flatMap((s) => (s.step && score.signals.includes(s.id) ? [s.step] : [])));
  const newStep = furthestNewStep(said, state.steps);
  const steps = COMPLAINT_STEPS.filter((s) => state.steps.includes(s) || said.has(s));
  // Keep the order the trainee took them in: earlier ones first, then this turn's.
  const ordered = [...state.steps, ...steps.filter((s) => !state.steps.includes(s))];
  // What the customer reacts to is what the rubric tags so.
  const reaction: Situation['reaction'] = score.signals.some((s) => rubric.tagged.misconduct.has(s))
    ? 'misconduct'
    : score.signals.some((s) => rubric.tagged.dismissive.has(s))
      ? 'dismissive'
      : null;
  // A customer who has just been threatened or brushed off gives nothing away.
  const reveal = reaction ? null : findReveal(persona, rubric.tagged.open_question, state, score, reply);
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
  const jargon = Object.values(score.criteria).flatMap((c) => c.evidence).find((e) => rubric.tagged.jargon.has(e.signal));
  return {
    state: next,
    situation: {
      score,
      before: state.mood,
      mood,
      trend: trend(state.mood, mood),
      reaction,
      reactionTo: reaction ? rubric.signals.filter((s) => rubric.tagged[reaction].has(s.id) && score.signals.includes(s.id)).map((s) => s.label.en) : [],
      jargonTerm: jargon?.text ?? null,
      reveal,
      newStep,
      outcome: next.outcome,
    },
  };
}
