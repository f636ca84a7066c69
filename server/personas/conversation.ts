/**
 * A conversation with a persona: the transcript so far and the customer's state, advanced
 * one trainee reply at a time. The turn path, in order: the caller scores the reply once
 * (a ScoreTurn from server/scoring/scorer.ts), `traineeTurn` takes that score through the
 * customer's step, and a customer voice (voice/customerVoice.ts) words the answer.
 * `exchange` runs the whole path for callers that store nothing (`sparring chat`, persona
 * tests); a session stores the trainee's turn between the step and the voice.
 */
import type { ScoredTurn, ScoreTurn, Transcript, Turn } from '../scoring/types.ts';
import { customerStep, type Situation, type Step } from './customerStep.ts';
import type { CustomerState } from '../domain/customerState.ts';
import { initialState } from './initialState.ts';
import type { Mood } from '../domain/mood.ts';
import type { PersonaFile } from './schema.ts';
import type { CustomerVoice, VoiceAnswer } from './voice/customerVoice.ts';
import { openingLine } from './voice/scriptedVoice.ts';

export interface Conversation {
  state: CustomerState;
  turns: Turn[];
}

export function startConversation(persona: PersonaFile, seed: number): { conversation: Conversation; opening: { text: string; mood: Mood } } {
  const text = openingLine(persona, seed);
  const state = initialState(persona, seed);
  return { conversation: { state, turns: [{ role: 'customer', text }] }, opening: { text, mood: state.mood } };
}

export function transcriptOf(persona: PersonaFile, turns: readonly Turn[]): Transcript {
  const transcript: Transcript = { locale: persona.locale, scenario: persona.scenario, persona: persona.id, turns: [...turns] };
  // The persona's product sheet travels with the call: what the trainee says is checked against it.
  if (persona.product) transcript.product = persona.product;
  return transcript;
}

/** The transcript a trainee reply is scored in: the conversation so far, then the reply. */
export function replyTranscript(persona: PersonaFile, conversation: Conversation, text: string): Transcript {
  return transcriptOf(persona, [...conversation.turns, { role: 'trainee', text }]);
}

/** The customer's step after a trainee reply the caller has scored (once). */
export function traineeTurn(persona: PersonaFile, conversation: Conversation, text: string, scored: ScoredTurn): Step {
  if (conversation.state.outcome) throw new Error('the conversation has ended');
  const turns: Turn[] = [...conversation.turns, { role: 'trainee', text }];
  const { state, situation } = customerStep(persona, conversation.state, text, scored);
  return { state, situation, turns };
}

/** The conversation after the customer's answer to a step. */
export function answered(step: Step, reply: string): Conversation {
  return { state: step.state, turns: [...step.turns, { role: 'customer', text: reply }] };
}

export type Exchange = VoiceAnswer & { conversation: Conversation; situation: Situation };

export interface ExchangeOptions {
  scoreTurn: ScoreTurn;
  voice: CustomerVoice;
  onDelta?: (text: string) => void;
}

/** A whole exchange: the trainee's reply scored once, the customer's step, the voice's answer. */
export async function exchange(persona: PersonaFile, conversation: Conversation, text: string, options: ExchangeOptions): Promise<Exchange> {
  if (conversation.state.outcome) throw new Error('the conversation has ended');
  const scored = options.scoreTurn(replyTranscript(persona, conversation, text));
  const step = traineeTurn(persona, conversation, text, scored);
  const answer = await options.voice.answer({ persona, step, ...(options.onDelta ? { onDelta: options.onDelta } : {}) });
  return { ...answer, conversation: answered(step, answer.reply), situation: step.situation };
}
