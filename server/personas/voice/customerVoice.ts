/**
 * The one interface a customer's answer is put into words through. The customer's step
 * (customerStep.ts) has already decided what happens: the mood, the stage, a revealed fact,
 * the ending. A voice only chooses the words: scriptedVoice.ts the persona's own lines,
 * llmVoice.ts a model's, streamed, with the scripted line when the model fails. The
 * session, the `sparring chat` command and the persona tests all speak through it.
 */
import type { Step } from '../customerStep.ts';
import type { PersonaFile } from '../schema.ts';

export interface VoiceRequest {
  persona: PersonaFile;
  /** The step the trainee's reply took; its turns end with that reply. */
  step: Step;
  /** Each piece of the answer as it is written: only a streaming voice calls it. */
  onDelta?: (text: string) => void;
  /** The model's first words have arrived (before any check holds them back): only a model's voice calls it. */
  onFirstToken?: () => void;
}

/** Why an answer is shorter than the voice meant it: a length or time limit, a dropped stream. */
export type ReplyCut = 'length' | 'timeout' | 'dropped' | null;

/** Why a voice could not answer, as an ack or an error event carries it. */
export interface VoiceError {
  code: string;
  message: string;
}

export type VoiceAnswer =
  | { reply: string; fallback: false; cut: ReplyCut }
  /** The voice failed and the scripted line was said instead; `error` says why. */
  | { reply: string; fallback: true; error: VoiceError };

export interface CustomerVoice {
  answer(request: VoiceRequest): Promise<VoiceAnswer>;
}

/** What the customer said last before the trainee's reply: a line is not said twice in a row. */
export function previousCustomerLine(step: Step): string | undefined {
  return [...step.turns].reverse().find((t) => t.role === 'customer')?.text;
}
