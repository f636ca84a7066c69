/**
 * What a rubric signal means for the person reading it: `good` (earned points), `bad` (cost
 * points) or `neutral` (noted, neither). Ids are the scoring contract's (shared/contracts/
 * scoring.md); a signal a rubric adds beyond them is neutral until it is listed here.
 */
import type { ContractSignalId } from './contract.ts';

export type Tone = 'good' | 'bad' | 'neutral';

const TONES: Record<ContractSignalId, Tone> = {
  'empathy.emotion': 'good',
  'empathy.interpretation': 'good',
  'empathy.exploration': 'good',
  'empathy.dismissive': 'bad',
  'listening.reflection': 'good',
  'listening.open_question': 'good',
  'listening.closed_question': 'neutral',
  'plain.jargon': 'bad',
  'plain.long_sentence': 'bad',
  'complaint.acknowledge': 'good',
  'complaint.investigate': 'good',
  'complaint.negotiate': 'good',
  'complaint.follow_up': 'good',
  'conduct.threat': 'bad',
  'conduct.third_party_disclosure': 'bad',
  'conduct.false_promise': 'bad',
  'conduct.abusive': 'bad',
};

export function toneOf(signal: string): Tone {
  return (TONES as Record<string, Tone>)[signal] ?? 'neutral';
}
