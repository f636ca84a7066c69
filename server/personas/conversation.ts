/**
 * A conversation with a persona: the transcript so far and the customer's state, advanced
 * one trainee reply at a time. Scripted replies are produced here; an LLM engine uses the
 * same step and replaces only the words.
 */
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import type { Transcript, Turn } from '../scoring/types.ts';
import { customerStep, type Situation } from './customerStep.ts';
import type { CustomerState } from '../domain/customerState.ts';
import { initialState } from './initialState.ts';
import type { Mood } from '../domain/mood.ts';
import type { PersonaFile } from './schema.ts';
import { openingLine, scriptedReply } from './voice/scriptedVoice.ts';

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
  return { locale: persona.locale, scenario: persona.scenario, persona: persona.id, turns: [...turns] };
}

/** The customer's step after a trainee reply, before any words are chosen. */
export function traineeTurn(
  persona: PersonaFile,
  rubric: CompiledRubric,
  conversation: Conversation,
  text: string,
): { state: CustomerState; situation: Situation; turns: Turn[] } {
  if (conversation.state.outcome) throw new Error('the conversation has ended');
  const turns: Turn[] = [...conversation.turns, { role: 'trainee', text }];
  const { state, situation } = customerStep(persona, rubric, conversation.state, transcriptOf(persona, turns));
  return { state, situation, turns };
}

export type Step = ReturnType<typeof traineeTurn>;

/** The scripted customer's answer to a step already taken (the server computes it once). */
export function scriptedAnswer(persona: PersonaFile, conversation: Conversation, step: Step): { conversation: Conversation; situation: Situation; reply: string } {
  const previous = [...conversation.turns].reverse().find((t) => t.role === 'customer')?.text;
  const reply = scriptedReply(persona, step.situation, step.state.seed, step.state.traineeTurns, previous);
  return { conversation: { state: step.state, turns: [...step.turns, { role: 'customer', text: reply }] }, situation: step.situation, reply };
}

/** A whole scripted exchange: the trainee's reply, the customer's answer. */
export function scriptedExchange(
  persona: PersonaFile,
  rubric: CompiledRubric,
  conversation: Conversation,
  text: string,
): { conversation: Conversation; situation: Situation; reply: string } {
  return scriptedAnswer(persona, conversation, traineeTurn(persona, rubric, conversation, text));
}
