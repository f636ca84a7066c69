/**
 * The scripted engine's words for a situation, no LLM needed: a reaction to what went
 * wrong (misconduct, dismissal, a term the customer does not know), then what moves the
 * conversation (a revealed fact, the step the trainee took, how the customer feels now).
 * `scriptedVoice` says them through the CustomerVoice interface (customerVoice.ts); the same
 * words are the fallback when an LLM fails.
 */
import type { Step } from '../customerStep.ts';
import type { Situation } from '../customerStep.ts';
import type { PersonaFile } from '../schema.ts';
import { choose } from '../seededChoice.ts';
import { previousCustomerLine, type CustomerVoice } from './customerVoice.ts';
import { fillLine } from '../fillLine.ts';

export function openingLine(persona: PersonaFile, seed: number): string {
  return fillLine(choose(persona.opening, seed, 0, 'opening'), persona.facts);
}

/**
 * `previous` is what the customer said last: a line is not said twice in a row when the
 * persona has another for the situation.
 */
export function scriptedReply(persona: PersonaFile, situation: Situation, seed: number, turn: number, previous = ''): string {
  const values = { ...persona.facts, term: situation.jargonTerm ?? '' };
  const pick = (lines: readonly string[], slot: string): string => {
    const fresh = lines.filter((l) => !previous.includes(fillLine(l, values)));
    return fillLine(choose(fresh.length > 0 ? fresh : lines, seed, turn, slot), values);
  };
  const { lines } = persona;
  if (situation.outcome) return pick(lines[situation.outcome], situation.outcome);
  const parts: string[] = [];
  if (situation.reaction) parts.push(pick(lines[situation.reaction], situation.reaction));
  if (situation.jargonTerm) parts.push(pick(lines.jargon, 'jargon'));
  // A step the persona has no line for gets the customer's usual reply.
  const stage = situation.newStep ? lines.stages[situation.newStep] : undefined;
  if (situation.reveal) parts.push(pick(situation.reveal.say, `reveal:${situation.reveal.fact}`));
  else if (stage) parts.push(pick(stage, `stage:${situation.newStep}`));
  else if (parts.length === 0) {
    const byTrend = { calmer: lines.calmer, angrier: lines.angrier, same: lines.waiting };
    parts.push(pick(byTrend[situation.trend], situation.trend));
  }
  return parts.join(persona.locale === 'en' ? ' ' : '');
}

/** The scripted line for a step: seeded by the session, so the same step gives the same words. */
export function scriptedLine(persona: PersonaFile, step: Step): string {
  return scriptedReply(persona, step.situation, step.state.seed, step.state.traineeTurns, previousCustomerLine(step));
}

export const scriptedVoice: CustomerVoice = {
  answer: async ({ persona, step }) => ({ reply: scriptedLine(persona, step), fallback: false, cut: null }),
};
